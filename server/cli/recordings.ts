/**
 * `branchcast export | import | verify`: recordings as files (docs/RECORDING.md).
 *   export SESSION_ID --out FILE [--data DIR]   write a session (events and annotations)
 *   import FILE [--data DIR]                     add a recording to the store, all or nothing
 *   verify FILE [--key FILE]                     check the file, its hash chain and its signature
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fold } from '../../core/session.js';
import { importRecording } from '../recordings/recording-import.js';
import {
  readRecording,
  RecordingFileError,
  verifyRecording,
  writeRecordingFile,
} from '../recordings/recording-file.js';
import { openSignatureStore } from '../recordings/signature-store.js';
import { describeSignature, loadOrCreateSigner, publicKeyFrom } from '../recordings/signing.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { StoreError } from '../store/recording-store.js';
import { parseFlags, UsageError } from './args.js';

const HELP = `usage:
  branchcast export SESSION_ID --out FILE [--data DIR]
  branchcast import FILE [--data DIR]
  branchcast verify FILE [--key PUBLIC_KEY.pem]

  export signs the file with the data folder's key (signing-key.pem, made on first use).
  verify says "signed by <fingerprint>", "unsigned" or "signature does not match"; with --key
  the signer must be that key (the server's public key: GET /api/signing-key, or the evidence pack).
`;

function openStore(dir: string | undefined): SqliteStore {
  return new SqliteStore(resolve(dir ?? 'data', 'branchcast.db'));
}

export async function run(args: string[], verb?: string): Promise<number> {
  const command = verb ?? 'verify';
  let values, positionals;
  try {
    ({ values, positionals } = parseFlags(args, {
      out: { type: 'string' },
      data: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    }));
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(`${command}: expected exactly one ${command === 'export' ? 'SESSION_ID' : 'FILE'}`);
    if (command === 'export' && !values.out) throw new UsageError('export: --out FILE is required');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast ${command}: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  const target = positionals[0]!;

  if (command === 'verify') {
    let key;
    if (values.key) {
      try {
        key = publicKeyFrom(readFileSync(values.key, 'utf8'));
      } catch (err) {
        process.stderr.write(
          `branchcast verify: --key ${values.key}: not a public key (${(err as Error).message.slice(0, 120)})\n`,
        );
        return 2;
      }
    }
    const v = verifyRecording(target, key);
    if (!v.ok) {
      process.stderr.write(`NOT VERIFIED: ${v.message}\n`);
      return 1;
    }
    const lines = [
      `verified: ${target}: ${v.events} events in an unbroken hash chain, ${v.annotations} annotations (format ${v.version})`,
      `signature: ${describeSignature(v.signature)}`,
    ];
    if (v.original) lines.push(`original signature (kept from an import): ${describeSignature(v.original)}`);
    process.stdout.write(lines.join('\n') + '\n');
    // A signature that does not match is a changed file: that is not verified.
    if (v.signature.status === 'mismatch') return 1;
    if (key && v.signature.status !== 'signed') return 1;
    return 0;
  }

  const store = openStore(values.data);
  const signatures = openSignatureStore(join(resolve(values.data ?? 'data'), 'branchcast.db'));
  try {
    if (command === 'export') {
      const rec = store.getSession(target);
      if (!rec) {
        process.stderr.write(`branchcast export: no session "${target}" in ${store.file}\n`);
        return 1;
      }
      const events = store.readEvents(target);
      const links = store.readHashes(target);
      // Refuse to launder a tampered database into a fresh, valid-looking file.
      const broken = links.findIndex((l, i) => i > 0 && l.prev !== links[i - 1]!.hash);
      if (broken >= 0) {
        process.stderr.write(`branchcast export: the stored hash chain is broken at seq ${links[broken]!.seq}\n`);
        return 1;
      }
      const annotations = store.listAnnotations(target);
      const signer = loadOrCreateSigner(resolve(values.data ?? 'data'));
      const bytes = writeRecordingFile(resolve(values.out!), rec, events, 'export', annotations, {
        signer,
        original: signatures.get(target),
      });
      process.stdout.write(
        `exported ${events.length} events and ${annotations.length} annotations to ${values.out} (${bytes} bytes), signed by ${signer.fingerprint}\n`,
      );
      return 0;
    }
    // import
    let r;
    try {
      r = readRecording(target);
    } catch (err) {
      if (err instanceof RecordingFileError) {
        process.stderr.write(`branchcast import: refused, nothing imported: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    if (r.signature.status === 'mismatch') {
      process.stderr.write(`branchcast import: refused, nothing imported: ${describeSignature(r.signature)}\n`);
      return 1;
    }
    if (store.getSession(r.header.sessionId)) {
      process.stderr.write(`branchcast import: session ${r.header.sessionId} is already in ${store.file}\n`);
      return 1;
    }
    const state = fold(r.events);
    try {
      importRecording(store, r, signatures);
    } catch (err) {
      if (err instanceof StoreError) {
        process.stderr.write(`branchcast import: refused, nothing imported: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    process.stdout.write(
      `imported session ${r.header.sessionId} (${r.header.scenarioId}): ${r.events.length} events, ${r.annotations.length} annotations, ` +
        `${state.status === 'ended' ? 'ended' : 'not ended'} at ${(state.t / 60000).toFixed(1)} min, ${describeSignature(r.signature)}\n`,
    );
    return 0;
  } finally {
    store.close();
    signatures.close();
  }
}
