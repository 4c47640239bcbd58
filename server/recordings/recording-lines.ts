/**
 * What each line of a recording file may hold (docs/RECORDING.md): the header, event and
 * annotation schemas, the numbered migrations from older versions, and the walk along the hash
 * chain that names the first altered, missing or reordered event. recording-file.ts reads and
 * writes files with them.
 */
import { z } from 'zod';
import type { Annotation } from '../../core/annotation.js';
import { EVENT_TYPES, type SessionEvent } from '../../core/events.js';
import type { Scenario } from '../../core/scenario.js';
import { chainHash, genesisHash } from '../store/hash-chain.js';

export const RECORDING_FORMAT = 'branchcast-recording';

/**
 * Ids come back into file names, URLs and headers: a pattern and a length, never a quote, a
 * slash, `..` or a control character (an imported file is anyone's).
 */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SCENARIO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const Header = z.object({
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
export const MIGRATIONS: Record<number, (lines: unknown[]) => unknown[]> = {
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

export type VerifyResult =
  | { ok: true; events: SessionEvent[]; hashes: string[]; annotations: Annotation[] }
  | { ok: false; line: number | null; seq: number | null; problem: string };

/** Walk the chain; report the first altered, missing or reordered event, or a missing end. */
export function verifyLines(file: string, lines: unknown[], sessionId: string): VerifyResult {
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
