/**
 * `branchcast export | import | verify`: recordings as files (docs/RECORDING.md).
 *   export SESSION_ID --out FILE [--data DIR]   write a session (events and annotations)
 *   import FILE [--data DIR]                     add a recording to the store, all or nothing
 *   verify FILE                                  check the file and its hash chain
 */
import { resolve } from 'node:path';
import { fold } from '../../core/session.js';
import { importRecording } from '../recordings/recording-import.js';
import {
  readRecording,
  RecordingFileError,
  verifyRecording,
  writeRecordingFile,
} from '../recordings/recording-file.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { StoreError } from '../store/recording-store.js';
import { parseFlags, UsageError } from './args.js';

const HELP = `usage:
  branchcast export SESSION_ID --out FILE [--data DIR]
  branchcast import FILE [--data DIR]
  branchcast verify FILE
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
    const v = verifyRecording(target);
    if (!v.ok) {
      process.stderr.write(`NOT VERIFIED: ${v.message}\n`);
      return 1;
    }
    process.stdout.write(
      `verified: ${target}: ${v.events} events in an unbroken hash chain, ${v.annotations} annotations (format ${v.version})\n`,
    );
    return 0;
  }

  const store = openStore(values.data);
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
      const bytes = writeRecordingFile(resolve(values.out!), rec, events, 'export', annotations);
      process.stdout.write(
        `exported ${events.length} events and ${annotations.length} annotations to ${values.out} (${bytes} bytes)\n`,
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
    if (store.getSession(r.header.sessionId)) {
      process.stderr.write(`branchcast import: session ${r.header.sessionId} is already in ${store.file}\n`);
      return 1;
    }
    const state = fold(r.events);
    try {
      importRecording(store, r);
    } catch (err) {
      if (err instanceof StoreError) {
        process.stderr.write(`branchcast import: refused, nothing imported: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    process.stdout.write(
      `imported session ${r.header.sessionId} (${r.header.scenarioId}): ${r.events.length} events, ${r.annotations.length} annotations, ` +
        `${state.status === 'ended' ? 'ended' : 'not ended'} at ${(state.t / 60000).toFixed(1)} min\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
