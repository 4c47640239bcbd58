/**
 * PostgreSQL homes of two small things every node must share: imported recordings' signatures,
 * and the server's signing key (one key for the whole cluster, so a file exported from any node
 * carries the same fingerprint; the first node to start makes it, the rest read it).
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { SignatureStore } from '../recordings/signature-store.js';
import { signerFromKey, type Signer, type SignatureBlock } from '../recordings/signing.js';
import type { PgSync } from './pg-sync.js';

export function pgSignatureStore(db: PgSync): SignatureStore {
  return {
    get: (id) => {
      const r = db.query<{ signature: string }>(`SELECT signature FROM imported_signatures WHERE session_id = $1`, [
        id,
      ])[0];
      return r ? (JSON.parse(r.signature) as SignatureBlock) : null;
    },
    put: (id, b) =>
      void db.exec(
        `INSERT INTO imported_signatures (session_id, signature) VALUES ($1, $2)
         ON CONFLICT (session_id) DO UPDATE SET signature = EXCLUDED.signature`,
        [id, JSON.stringify(b)],
      ),
    close: () => undefined,
  };
}

const KEY = 'signing_key_pem';

export function pgSigner(db: PgSync): Signer {
  const mine = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  db.exec(`INSERT INTO auth_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [KEY, mine]);
  const pem = db.query<{ value: string }>(`SELECT value FROM auth_meta WHERE key = $1`, [KEY])[0]!.value;
  return signerFromKey(createPrivateKey(pem));
}
