/** `branchcast scenario check [FILE...]`: validate scenario files (default: every file in scenes/). */
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../main.js';
import { loadScenarioFile, loadScenes } from '../content/scenes.js';

const HELP = 'usage: branchcast scenario check [FILE...]\n';

export async function run(args: string[]): Promise<number> {
  const [sub, ...files] = args;
  if (sub !== 'check') {
    process.stderr.write(sub ? `branchcast scenario: unknown subcommand "${sub}"\n${HELP}` : HELP);
    return 2;
  }
  let errors: string[] = [];
  let checked = 0;
  if (files.length === 0) {
    const lib = loadScenes(join(REPO_ROOT, 'scenes'));
    errors = lib.errors;
    checked = lib.scenarios.size + new Set(lib.errors.map((e) => e.split(':')[0])).size;
  } else {
    for (const f of files) {
      const r = loadScenarioFile(f, relative(process.cwd(), f) || f);
      checked++;
      if (!r.ok) errors.push(...r.errors);
    }
  }
  for (const e of errors) process.stderr.write(`${e}\n`);
  process.stdout.write(
    errors.length ? `${errors.length} problem(s) in ${checked} file(s)\n` : `${checked} scenario file(s) OK\n`,
  );
  return errors.length ? 1 : 0;
}
