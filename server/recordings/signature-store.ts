/**
 * Signatures that came with imported recordings, kept so that a re-export still carries the
 * original server's signature (`originalSignature`) and the import says whose it was. A table
 * beside the recordings in the data folder's database, or a map with --memory.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../store/open-sqlite.js';
import type { SignatureBlock } from './signing.js';

export interface SignatureStore {
  get(sessionId: string): SignatureBlock | null;
  put(sessionId: string, block: SignatureBlock): void;
  close(): void;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS imported_signatures (
  session_id TEXT PRIMARY KEY,
  signature TEXT NOT NULL
);`;

export function openSignatureStore(dbFile: string | null): SignatureStore {
  if (dbFile === null) {
    const map = new Map<string, SignatureBlock>();
    return { get: (id) => map.get(id) ?? null, put: (id, b) => void map.set(id, b), close: () => undefined };
  }
  const db: Database.Database = openSqlite(dbFile, SCHEMA, { busyTimeoutMs: 5000 });
  const get = db.prepare<[string], string>(`SELECT signature FROM imported_signatures WHERE session_id = ?`).pluck();
  const put = db.prepare(`INSERT OR REPLACE INTO imported_signatures (session_id, signature) VALUES (?, ?)`);
  return {
    get: (id) => {
      const text = get.get(id);
      return text ? (JSON.parse(text) as SignatureBlock) : null;
    },
    put: (id, b) => void put.run(id, JSON.stringify(b)),
    close: () => db.close(),
  };
}
