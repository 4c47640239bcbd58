/**
 * `branchcast check`: score JSONL utterances from stdin against the compliance detectors.
 *
 * One input line → one output line, in order. Lines are validated at the edge (zod); a bad line
 * gets an error line on stdout and a message on stderr naming its line number, the rest still
 * run, and the exit code is 1. Input is streamed line by line, never buffered whole.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { checkUtterance } from '../../core/rubric/check.js';

const USAGE = `usage: branchcast check [--help] < utterances.jsonl

Reads one JSON object per line from stdin:
  {"id": "u1", "text": "这只基金稳赚不赔", "context": "optional: the viewer's turn", "banner": false}
"context" is a string (the viewer's turn) or a list of earlier turns, oldest first:
  [{"speaker": "viewer", "text": "保本吗？"}, {"speaker": "host", "text": "…"}]
"banner": true when the risk-disclosure banner is on screen. Writes one line per input line, in order:
  {"id": "u1", "labels": ["promise_of_returns"], "findings": [{"category", "start", "end", "rule", "rules",
   "origin": "rule|model|both", "confidence", "severity", "explanation", "explanations": {"zh", "en"}}]}
start/end are UTF-16 offsets into "text". Blank lines are skipped. A bad line is answered with
{"id": <id or null>, "error": "..."} and reported on stderr; the exit code is then 1.
`;

const Item = z.object({
  id: z.string().min(1, 'id must not be empty'),
  text: z.string(),
  context: z
    .union([z.string(), z.array(z.object({ speaker: z.enum(['viewer', 'host']), text: z.string() }))])
    .optional(),
  banner: z.boolean().optional(),
});

function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length > 0 ? i.path.join('.') : 'line';
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

/** The id of a line that failed validation, when it has a usable one. */
function salvageId(value: unknown): string | number | null {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

export interface CheckStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Processes a JSONL stream; resolves to the exit code. Exposed for tests with in-memory streams. */
export async function checkStream(io: CheckStreams): Promise<number> {
  let failed = false;
  let lineNo = 0;
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const problem = `invalid JSON (${err instanceof Error ? err.message : String(err)})`;
      io.stderr.write(`branchcast check: line ${lineNo}: ${problem}\n`);
      io.stdout.write(`${JSON.stringify({ id: null, error: `line ${lineNo}: ${problem}` })}\n`);
      failed = true;
      continue;
    }
    const parsed = Item.safeParse(value);
    if (!parsed.success) {
      const problem = describe(parsed.error);
      io.stderr.write(`branchcast check: line ${lineNo}: ${problem}\n`);
      io.stdout.write(`${JSON.stringify({ id: salvageId(value), error: `line ${lineNo}: ${problem}` })}\n`);
      failed = true;
      continue;
    }
    const { id, text, context, banner } = parsed.data;
    const result = checkUtterance(text, { turns: context, banner });
    const ok = io.stdout.write(`${JSON.stringify({ id, labels: result.labels, findings: result.findings })}\n`);
    // Respect back-pressure so a large file streams through in constant memory.
    if (!ok) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
  }
  return failed ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(`branchcast check: unexpected argument "${args[0]}"\n\n${USAGE}`);
    return 2;
  }
  return checkStream({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}
