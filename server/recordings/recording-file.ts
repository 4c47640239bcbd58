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
import { z } from 'zod';
import { EVENT_TYPES, type SessionEvent } from '../../core/events.js';
import type { Annotation } from '../../core/annotation.js';
import type { Scenario } from '../../core/scenario.js';
import { chainHash, eventJson, genesisHash } from '../store/hash-chain.js';
import { RECORDING_FORMAT_VERSION, type SessionRecord } from '../store/recording-store.js';
import { isSignatureBlock as isBlock, signedText } from './recording-signature.js';
import { checkSignature, type SignatureBlock, type SignatureCheck, type Signer } from './signing.js';

export { signedText } from './recording-signature.js';

export const RECORDING_FORMAT = 'branchcast-recording';

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

/**
 * Ids come back into file names, URLs and headers: a pattern and a length, never a quote, a
 * slash, `..` or a control character (an imported file is anyone's).
 */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SCENARIO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const Header = z.object({
  format: z.literal(RECORDING_FORMAT),
  version: z.number().int().positive(),
  sessionId: z
    .string()
    .regex(SESSION_ID, 'expected 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  scenarioId: z
    .string()
    .regex(SCENARIO_ID, 'expected 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  rubric: z.string().max(64).regex(SCENARIO_ID, 'expected an id').nullable().optional(),
  // Free text naming how the file was made (e.g. the simulate command line): bounded, not an id.
  source: z
    .string()
    .max(256)
    .refine((v) => !CONTROL.test(v), 'no control characters')
    .optional(),
  seed: z.number().int(),
  createdAt: z.number(),
  events: z.number().int().min(0),
});

const EventLine = z.object({
  seq: z.number().int().positive(),
  t: z.number().min(0),
  type: z.enum(EVENT_TYPES),
  actor: z.object({ id: z.string(), role: z.string(), name: z.string() }),
});

const AnnotationLine = z.object({
  annotation: z.object({
    id: z.string().min(1),
    seq: z.number().int().positive(),
    t: z.number(),
    toSeq: z.number().int().positive().nullable(),
    text: z.string().min(1).max(2000),
    category: z.string().nullable(),
    severity: z.enum(['info', 'minor', 'major', 'critical']).nullable(),
    author: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  }),
});

/**
 * Numbered pure migrations of a parsed file, from version N to N + 1. Version 1 files (no hash
 * chain, no end line, no scenario in the header) are upgraded by computing their links.
 */
const MIGRATIONS: Record<number, (lines: unknown[]) => unknown[]> = {
  1: (lines) => {
    const [header, ...rest] = lines as [Record<string, unknown>, ...Record<string, unknown>[]];
    const events = rest.filter((l) => !('annotation' in l));
    const created = events[0] as { type?: string; scenario?: Scenario } | undefined;
    let prev = genesisHash(String(header.sessionId));
    const linked = events.map((e) => {
      const withPrev = { ...e, prev };
      prev = chainHash(prev, JSON.stringify(e));
      return withPrev;
    });
    const scenario = created?.type === 'session.created' ? (created.scenario ?? null) : null;
    return [
      { ...header, version: 2, scenario, rubric: scenario?.rubric ?? null, annotations: 0 },
      ...linked,
      { end: true, events: linked.length, last: prev },
    ];
  },
};

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

export type VerifyResult =
  | { ok: true; events: SessionEvent[]; hashes: string[]; annotations: Annotation[] }
  | { ok: false; line: number | null; seq: number | null; problem: string };

/** Walk the chain; report the first altered, missing or reordered event, or a missing end. */
function verifyLines(file: string, lines: unknown[], sessionId: string): VerifyResult {
  const events: SessionEvent[] = [];
  const hashes: string[] = [];
  const annotations: Annotation[] = [];
  let prev = genesisHash(sessionId);
  let expectSeq = 1;
  let lastT = 0;
  let ended = false;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const obj = lines[i] as Record<string, unknown>;
    if (ended) return { ok: false, line, seq: null, problem: 'content after the end line' };
    if (obj && typeof obj === 'object' && 'end' in obj) {
      const end = obj as { events?: unknown; last?: unknown };
      if (end.events !== events.length)
        return {
          ok: false,
          line,
          seq: null,
          problem: `end line counts ${String(end.events)} events, found ${events.length}`,
        };
      if (end.last !== prev)
        return {
          ok: false,
          line: line - 1 - annotations.length,
          seq: events.at(-1)?.seq ?? null,
          problem: `event seq ${events.at(-1)?.seq ?? '?'} was altered (the chain's last hash does not match)`,
        };
      ended = true;
      continue;
    }
    if (obj && typeof obj === 'object' && 'annotation' in obj) {
      const a = AnnotationLine.safeParse(obj);
      if (!a.success) return { ok: false, line, seq: null, problem: `annotation: ${a.error.issues[0]!.message}` };
      annotations.push({ ...(a.data.annotation as Omit<Annotation, 'sessionId'>), sessionId });
      continue;
    }
    if (annotations.length > 0) return { ok: false, line, seq: null, problem: 'an event after the annotations' };
    const parsed = EventLine.safeParse(obj);
    if (!parsed.success) {
      const iss = parsed.error.issues[0]!;
      return { ok: false, line, seq: null, problem: `event: ${iss.path.join('.') || '(root)'}: ${iss.message}` };
    }
    const { prev: link, ...event } = obj as { prev?: unknown } & Record<string, unknown>;
    const seq = parsed.data.seq;
    if (seq < expectSeq)
      return { ok: false, line, seq, problem: `seq ${seq} after ${expectSeq - 1}: events are reordered or repeated` };
    if (seq > expectSeq)
      return { ok: false, line, seq: expectSeq, problem: `seq ${expectSeq} is missing (this line has seq ${seq})` };
    if (parsed.data.t < lastT)
      return { ok: false, line, seq, problem: `t goes backwards (${parsed.data.t} < ${lastT})` };
    if (link !== prev) {
      return {
        ok: false,
        line: seq === 1 ? line : line - 1,
        seq: seq === 1 ? 1 : seq - 1,
        problem:
          seq === 1
            ? 'the first event does not belong to this session (hash chain)'
            : `event seq ${seq - 1} was altered (the next event's link does not match)`,
      };
    }
    const body = JSON.stringify(event);
    prev = chainHash(prev, body);
    events.push(event as unknown as SessionEvent);
    hashes.push(prev);
    expectSeq++;
    lastT = parsed.data.t;
  }
  if (!ended) return { ok: false, line: lines.length, seq: null, problem: 'the file is truncated (no end line)' };
  void file;
  return { ok: true, events, hashes, annotations };
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
