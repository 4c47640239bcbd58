/**
 * `branchcast review FILE...`: pre-broadcast script review (regulators require scripts to be
 * reviewed before a stream). Prints findings by segment and line; exit code 1 on any critical
 * finding, 2 on a file that does not load. Counter-example lines are listed as skipped.
 */
import { relative } from 'node:path';
import { reviewScenario, type ScriptReview } from '../../core/rubric/review.js';
import { loadScenarioFile } from '../content/scenes.js';

const HELP = `usage: branchcast review [--json] FILE...

Runs the compliance detectors over every host line of each scenario file and prints the findings
by segment and line. Lines marked counterExample are skipped (and listed as such).
Exit code: 0 clean or only non-critical findings, 1 a critical finding, 2 a file that does not load.
`;

export function formatReview(file: string, r: ScriptReview): string {
  const out: string[] = [];
  for (const seg of r.segments) {
    for (const line of seg.lines) {
      const where = `${file}: segments[${seg.index}] ${seg.id} line ${line.index + 1}`;
      if (line.skipped) {
        out.push(`${where}: skipped (counterExample)`);
        continue;
      }
      for (const f of line.findings)
        out.push(`${where} [${f.lang}]: ${f.severity} ${f.rule} "${f.quote}" — ${f.explanation.zh}`);
    }
  }
  const c = r.counts;
  out.push(
    `${file}: ${c.lines} line(s), ${c.skipped} skipped, ${c.findings} finding(s), ${c.critical} critical — ${r.ok ? 'OK' : 'FAILED'}`,
  );
  return out.join('\n') + '\n';
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  const bad = files.find((f) => f.startsWith('-'));
  if (files.length === 0 || bad) {
    process.stderr.write(`${bad ? `branchcast review: unknown option "${bad}"\n` : ''}${HELP}`);
    return 2;
  }
  let code = 0;
  const reviews: ScriptReview[] = [];
  for (const f of files) {
    const shown = relative(process.cwd(), f) || f;
    const loaded = loadScenarioFile(f, shown);
    if (!loaded.ok) {
      for (const e of loaded.errors) process.stderr.write(`${e}\n`);
      code = 2;
      continue;
    }
    const r = reviewScenario(loaded.scenario);
    reviews.push(r);
    if (!json) process.stdout.write(formatReview(shown, r));
    if (!r.ok && code === 0) code = 1;
  }
  if (json) process.stdout.write(`${JSON.stringify(reviews, null, 2)}\n`);
  return code;
}
