/**
 * Recording files (docs/RECORDING.md): JSON Lines, gzipped when the name ends in .gz.
 *   line 1       header: format, version, the scenario as it was, seed, rubric, counts
 *   lines 2…N+1  events, each with `prev`: the hash chain link (store/hash-chain.ts)
 *   then         annotations, one `{ "annotation": {...} }` per line
 *   last line    `{ "end": true, "events": N, "last": <hash of the last event> }`
 * Reading is strict: a truncated, corrupted or foreign file is refused with the line and the
 * problem, and nothing is returned half-read. Older versions are migrated by numbered pure steps.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SessionEvent } from '../../core/events.js';
import type { Annotation } from '../../core/annotation.js';
import type { Scenario } from '../../core/scenario.js';
import { chainHash, eventJson, genesisHash } from '../store/hash-chain.js';
import { RECORDING_FORMAT_VERSION, type SessionRecord } from '../store/recording-store.js';
import { Header, MIGRATIONS, RECORDING_FORMAT, verifyLines } from './recording-lines.js';
import { isSignatureBlock as isBlock, signedText } from './recording-signature.js';
import { checkSignature, type SignatureBlock, type SignatureCheck, type Signer } from './signing.js';

export { signedText } from './recording-signature.js';

export { RECORDING_FORMAT } from './recording-lines.js';

export type { Annotation } from '../../core/annotation.js';

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  sessionId: string;
  scenarioId: string;
  scenario: Scenario | null;
  seed: number;
  rubric: string | null;
  createdAt: number;
  events: number;
  annotations: number;
  source: string;
}

export interface Recording {
  header: RecordingHeader;
  events: SessionEvent[];
  /** Hash of each event (index-aligned with events). */
  hashes: string[];
  annotations: Annotation[];
  /** This file's signature (its end line's `signature`), checked against the key it names. */
  signature: SignatureCheck;
  signatureBlock: SignatureBlock | null;
  /** A signature kept from an earlier import (`originalSignature`), checked the same way. */
  original: { check: SignatureCheck; block: SignatureBlock } | null;
}

export interface SignOptions {
  /** Sign the file with this key (the server's). */
  signer?: Signer;
  /** A signature kept from the import this session came from; carried as `originalSignature`. */
  original?: SignatureBlock | null;
}

export class RecordingFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line !== null ? `: line ${line}` : ''}: ${message}`);
    this.name = 'RecordingFileError';
  }
}

// ── writing ──────────────────────────────────────────────────────────────

export function recordingText(
  record: SessionRecord,
  events: readonly SessionEvent[],
  source: string,
  annotations: readonly Annotation[] = [],
  sign: SignOptions = {},
): string {
  const created = events[0]?.type === 'session.created' ? events[0] : null;
  const header: RecordingHeader = {
    format: RECORDING_FORMAT,
    version: RECORDING_FORMAT_VERSION,
    sessionId: record.sessionId,
    scenarioId: record.scenarioId,
    scenario: created?.scenario ?? null,
    seed: record.seed,
    rubric: created?.scenario.rubric ?? null,
    createdAt: record.createdAt,
    events: events.length,
    annotations: annotations.length,
    source,
  };
  const lines = [JSON.stringify(header)];
  let prev = genesisHash(record.sessionId);
  for (const e of events) {
    const body = eventJson(e);
    // `prev` goes last so that removing it gives back exactly the hashed text.
    lines.push(`${body.slice(0, -1)},"prev":"${prev}"}`);
    prev = chainHash(prev, body);
  }
  const notes = annotations.map((a) => JSON.stringify({ annotation: a }));
  lines.push(...notes);
  const end: Record<string, unknown> = { end: true, events: events.length, last: prev };
  if (sign.signer) end.signature = sign.signer.sign(signedText(lines[0]!, prev, notes));
  if (sign.original && sign.original.key !== sign.signer?.fingerprint) end.originalSignature = sign.original;
  lines.push(JSON.stringify(end));
  return lines.join('\n') + '\n';
}

export function writeRecordingFile(
  file: string,
  record: SessionRecord,
  events: readonly SessionEvent[],
  source: string,
  annotations: readonly Annotation[] = [],
  sign: SignOptions = {},
): number {
  const text = recordingText(record, events, source, annotations, sign);
  const data = file.endsWith('.gz') ? gzipSync(text) : Buffer.from(text, 'utf8');
  writeFileSync(file, data);
  return data.length;
}

// ── reading ──────────────────────────────────────────────────────────────

/** The most a recording may decompress to: far above a long rehearsal, far below a bomb. */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

function decode(file: string, data: Buffer): string {
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      return gunzipSync(data, { maxOutputLength: MAX_RECORDING_BYTES }).toString('utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new RecordingFileError(file, null, `decompresses to more than ${MAX_RECORDING_BYTES} bytes`);
      throw new RecordingFileError(file, null, `the gzip data is damaged or truncated (${(err as Error).message})`);
    }
  }
  return data.toString('utf8');
}

function splitLines(text: string): string[] {
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  return raw;
}

function parseLines(file: string, raw: string[]): unknown[] {
  return raw.map((l, i) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      throw new RecordingFileError(file, i + 1, 'not valid JSON (corrupted or truncated)');
    }
  });
}

/** Read, migrate and check a recording file. Throws RecordingFileError naming the line. */
export function readRecording(
  file: string,
  data: Buffer = readFileSync(file),
  opts: { key?: KeyObject } = {},
): Recording {
  const raw = splitLines(decode(file, data));
  let lines = parseLines(file, raw);
  const first = lines[0] as { format?: unknown; version?: unknown } | undefined;
  if (!first || first.format !== RECORDING_FORMAT) {
    throw new RecordingFileError(file, 1, `not a Branchcast recording (expected format "${RECORDING_FORMAT}")`);
  }
  if (typeof first.version !== 'number' || first.version > RECORDING_FORMAT_VERSION) {
    throw new RecordingFileError(
      file,
      1,
      `version ${String(first.version)} is newer than this Branchcast reads (${RECORDING_FORMAT_VERSION})`,
    );
  }
  const migrated = first.version < RECORDING_FORMAT_VERSION;
  for (let v = first.version; v < RECORDING_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new RecordingFileError(file, 1, `no migration from version ${v}`);
    lines = step(lines);
  }
  const h = Header.safeParse(lines[0]);
  if (!h.success) {
    const i = h.error.issues[0]!;
    throw new RecordingFileError(file, 1, `header: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const header = lines[0] as RecordingHeader;
  const check = verifyLines(file, lines, header.sessionId);
  if (!check.ok) throw new RecordingFileError(file, check.line, check.problem);
  if (check.events.length !== header.events) {
    throw new RecordingFileError(
      file,
      null,
      `header says ${header.events} events, the file has ${check.events.length}`,
    );
  }
  // Signatures exist from version 2 on; a migrated file has none (its lines were rewritten).
  const end = (migrated ? {} : lines.at(-1)) as { signature?: SignatureBlock; originalSignature?: SignatureBlock };
  const head = check.hashes.at(-1) ?? genesisHash(header.sessionId);
  const text = migrated ? '' : signedText(raw[0]!, head, raw.slice(1 + check.events.length, -1));
  const block = isBlock(end.signature) ? end.signature : null;
  const original = isBlock(end.originalSignature) ? end.originalSignature : null;
  return {
    header,
    events: check.events,
    hashes: check.hashes,
    annotations: check.annotations,
    signature: block ? checkSignature(block, text, opts.key) : { status: 'unsigned' },
    signatureBlock: block,
    original: original ? { check: checkSignature(original, text), block: original } : null,
  };
}

/** `branchcast verify`: the first problem, or ok with counts. Never throws for a bad file. */
export function verifyRecording(
  file: string,
  key?: KeyObject,
):
  | {
      ok: true;
      events: number;
      annotations: number;
      version: number;
      signature: SignatureCheck;
      original: SignatureCheck | null;
    }
  | { ok: false; message: string } {
  try {
    const r = readRecording(file, undefined, { key });
    return {
      ok: true,
      events: r.events.length,
      annotations: r.annotations.length,
      version: r.header.version,
      signature: r.signature,
      original: r.original?.check ?? null,
    };
  } catch (err) {
    if (err instanceof RecordingFileError) return { ok: false, message: err.message };
    const code = (err as NodeJS.ErrnoException).code;
    if (code) return { ok: false, message: `${file}: cannot read the file (${code})` };
    throw err;
  }
}

/** Read a recording file (gzipped or not), checked and migrated; throws naming the file and line. */
export function readRecordingFile(file: string): Recording {
  return readRecording(file);
}
