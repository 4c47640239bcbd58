/**
 * `branchcast` command line. Each subcommand lives in server/cli/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code). Loaded lazily so `check` does not pay
 * for the server's imports.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }> =
  {
    serve: { summary: 'serve the client and Socket.IO, open the default room', load: () => import('./cli/serve.js') },
    check: {
      summary: 'score JSONL utterances from stdin against the compliance detectors',
      load: () => import('./cli/check.js'),
    },
    bots: { summary: 'run a simulated audience against a running server', load: () => import('./cli/bots.js') },
    migrate: {
      summary: 'migrate [--database-url URL]: bring the PostgreSQL schema up to date',
      load: () => import('./cli/migrate.js'),
    },
    facilitator: {
      summary: 'facilitator add NAME | list: accounts (password on stdin)',
      load: () => import('./cli/facilitator.js'),
    },
    simulate: {
      summary: 'run a whole session headless on a simulated clock and write the recording',
      load: () => import('./cli/simulate.js'),
    },
    export: {
      summary: 'export SESSION_ID --out FILE: a session as a recording file',
      load: () => import('./cli/recordings.js').then((m) => ({ run: (a: string[]) => m.run(a, 'export') })),
    },
    import: {
      summary: 'import FILE: add a recording file to the store (all or nothing)',
      load: () => import('./cli/recordings.js').then((m) => ({ run: (a: string[]) => m.run(a, 'import') })),
    },
    verify: {
      summary: 'verify FILE: check a recording file and its hash chain',
      load: () => import('./cli/recordings.js').then((m) => ({ run: (a: string[]) => m.run(a, 'verify') })),
    },
    scenario: { summary: 'scenario check [FILE...]: validate scenario files', load: () => import('./cli/scenario.js') },
    review: {
      summary: 'review FILE...: run the detectors over a scenario script (exit 1 on critical)',
      load: () => import('./cli/review.js'),
    },
    delivery: {
      summary: 'delivery FILE.wav: pace, pauses, loudness and pitch variation of a voice, as JSON',
      load: () => import('./cli/delivery.js'),
    },
    score: {
      summary: 'score RECORDING [--rubric FILE] [--html]: the report of a recording file',
      load: () => import('./cli/score.js'),
    },
  };

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: branchcast <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`branchcast: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.run(args);
}

const isEntry = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`branchcast: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
