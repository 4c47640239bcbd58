/**
 * `branchcast score RECORDING [--rubric FILE] [--html] [--lang en] [--out FILE]`: the report of a
 * recording file as JSON (default) or the standalone HTML export. Without --rubric the scenario's
 * own rubric (scenes/rubrics/) is used; with it, the recording is re-scored with that rubric.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryFacts, retryPointOf } from '../../core/rubric/retry-part.js';
import { evaluate, scoreEvents } from '../../core/rubric/scorer.js';
import type { Rubric } from '../../core/rubric/rubric-schema.js';
import { REPO_ROOT } from '../main.js';
import { readRecordingFile } from '../recordings/recording-file.js';
import { reportHtml } from '../reports/report-html.js';
import { loadRubricFile, loadRubrics } from '../content/rubrics.js';
import { parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast score RECORDING [--rubric FILE] [--html] [--lang zh|en] [--out FILE]

  RECORDING     a recording file (branchcast simulate --out, JSON Lines, .gz allowed)
  --rubric FILE re-score with this rubric file instead of the scenario's own
  --html        write the standalone HTML report instead of JSON
  --lang        language of the HTML report (default zh)
  --out FILE    write there instead of stdout
Exit code: 0 pass, 1 fail, 2 bad input.
`;

export async function run(args: string[]): Promise<number> {
  let values;
  let file: string;
  try {
    const p = parseFlags(args, {
      rubric: { type: 'string' },
      html: { type: 'boolean' },
      lang: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    values = p.values;
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (p.positionals.length !== 1) throw new UsageError('expected one recording file');
    if (values.lang && values.lang !== 'zh' && values.lang !== 'en')
      throw new UsageError(`--lang: expected zh or en, got "${values.lang}"`);
    file = p.positionals[0]!;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast score: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  let rec;
  try {
    rec = readRecordingFile(file);
  } catch (err) {
    process.stderr.write(`branchcast score: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let rubric: Rubric | undefined;
  if (values.rubric) {
    const r = loadRubricFile(values.rubric);
    if (!r.ok) {
      for (const e of r.errors) process.stderr.write(`${e}\n`);
      return 2;
    }
    rubric = r.rubric;
  } else {
    const created = rec.events.find((e) => e.type === 'session.created');
    const id = created?.type === 'session.created' ? created.scenario.rubric : undefined;
    const lib = loadRubrics(join(REPO_ROOT, 'scenes', 'rubrics'));
    rubric = id ? lib.rubrics.get(id) : undefined;
    if (!rubric) {
      process.stderr.write(`branchcast score: no rubric "${id ?? '?'}" in scenes/rubrics; pass --rubric FILE\n`);
      return 2;
    }
  }
  // A branch scores its retried part only, and says it is a retry.
  const point = retryPointOf(rec.events);
  const report = point
    ? { ...evaluate(retryFacts(rec.events, point), rubric), retryOf: point }
    : scoreEvents(rec.events, rubric);
  const text = values.html
    ? reportHtml(report, (values.lang as 'zh' | 'en' | undefined) ?? 'zh')
    : `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  process.stderr.write(
    `branchcast score: ${report.total}/100 ${report.pass ? 'PASS' : 'FAIL'} (${report.rubricId}, ${report.findings.length} finding(s))\n`,
  );
  return report.pass ? 0 : 1;
}
