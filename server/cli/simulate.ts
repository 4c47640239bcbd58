/** `branchcast simulate`: a whole session headless, on the simulated clock, written as a recording file. */
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../main.js';
import { writeRecordingFile } from '../recordings/recording-file.js';
import { loadScenes } from '../content/scenes.js';
import { simulate } from '../sim/simulate.js';
import { intFlag, parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast simulate --scenario ID --seed S [--minutes M] [--bots N] [--host careful|careless] --out FILE

  --scenario ID   a scenario id from scenes/
  --seed S        PRNG seed (same seed and options → the same recording)
  --minutes M     stop after M minutes of session time (default: when the script ends)
  --bots N        simulated viewers (default: the scenario's)
  --host MODE     careful (default) reads the script and handles the chat well; careless makes
                  the mistakes the rubrics look for
  --out FILE      where to write the recording (JSON Lines; gzipped if it ends in .gz)
`;

export async function run(args: string[]): Promise<number> {
  let o;
  try {
    const { values, positionals } = parseFlags(args, {
      scenario: { type: 'string' },
      seed: { type: 'string' },
      minutes: { type: 'string' },
      bots: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.scenario) throw new UsageError('--scenario is required');
    if (!values.out) throw new UsageError('--out is required');
    if (values.host && values.host !== 'careful' && values.host !== 'careless') {
      throw new UsageError(`--host: expected careful or careless, got "${values.host}"`);
    }
    o = {
      scenario: values.scenario,
      seed: intFlag('seed', values.seed ?? '1', 0, 2 ** 31 - 1)!,
      minutes: intFlag('minutes', values.minutes, 1, 240),
      bots: intFlag('bots', values.bots, 0, 5000),
      host: (values.host ?? 'careful') as 'careful' | 'careless',
      out: resolve(values.out),
    };
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast simulate: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  const lib = loadScenes(join(REPO_ROOT, 'scenes'));
  const scenario = lib.scenarios.get(o.scenario);
  if (!scenario) {
    process.stderr.write(
      `branchcast simulate: --scenario: no scenario "${o.scenario}" (have: ${[...lib.scenarios.keys()].join(', ')})\n`,
    );
    return 2;
  }
  const started = performance.now();
  const r = await simulate({ scenario, seed: o.seed, minutes: o.minutes, bots: o.bots, host: o.host });
  const ms = performance.now() - started;
  const source = `simulate --scenario ${o.scenario} --seed ${o.seed} --host ${o.host}${o.bots !== undefined ? ` --bots ${o.bots}` : ''}`;
  let bytes: number;
  try {
    bytes = writeRecordingFile(o.out, r.record, r.events, source);
  } catch (err) {
    process.stderr.write(
      `branchcast simulate: --out: cannot write ${o.out} (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`,
    );
    return 1;
  }
  const s = r.state;
  const left = r.audience.viewers.filter((v) => v.state === 'gone').length;
  process.stdout.write(
    `${o.scenario} seed ${o.seed}, ${o.host} host: ${r.events.length} events over ${(s.t / 60000).toFixed(1)} min ` +
      `(${s.status}), ${s.counters.messages} chat messages, ${s.counters.questions} questions, ${s.counters.answered} answered, ` +
      `${r.audience.viewers.length} viewers (${left} left, ${s.audience} at the end)\n` +
      `wrote ${o.out} (${bytes} bytes) in ${Math.round(ms)} ms\n`,
  );
  return 0;
}
