/** `branchcast serve` (what `npm start` runs): build the client if needed, serve, open the demo room. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, startServer } from '../main.js';
import { intFlag, parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast serve [--port N] [--host H] [--data DIR | --memory] [--bots N] [--scenario ID] [--no-demo] [--dev]

  --port N       port for HTTP and Socket.IO (default: $PORT or 8080)
  --host H       interface to listen on (default 0.0.0.0: headsets on the LAN can join)
  --data DIR     folder for the SQLite database (default ./data)
  --memory       keep recordings in memory only
  --bots N       bots in the demo room (default: the scenario's count)
  --scenario ID  scenario of the demo room (default: the first in scenes/)
  --no-demo      open no demo room
  --dev          do not build or serve the client (Vite serves it)
`;

async function ensureClientBuilt(): Promise<void> {
  if (existsSync(join(REPO_ROOT, 'client', 'dist', 'index.html'))) return;
  console.log('Building the client (first start)…');
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function run(args: string[]): Promise<number> {
  let flags;
  try {
    const { values } = parseFlags(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      bots: { type: 'string' },
      scenario: { type: 'string' },
      'no-demo': { type: 'boolean' },
      dev: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    flags = {
      ...values,
      port: intFlag('port', values.port ?? process.env.PORT, 0, 65535) ?? 8080,
      bots: intFlag('bots', values.bots, 0, 5000),
    };
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast serve: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  if (!flags.dev) await ensureClientBuilt();
  const server = await startServer({
    port: flags.port,
    host: flags.host,
    dataDir: flags.memory ? null : resolve(flags.data ?? 'data'),
    clientDir: flags.dev ? null : undefined,
    defaultRoom: flags['no-demo'] ? false : { scenarioId: flags.scenario, bots: flags.bots },
  });
  const lines = [`Branchcast is serving on ${server.url}  (store: ${server.store.kind})`];
  if (server.demo) {
    const c = server.demo.codes;
    lines.push(
      `Demo room: ${server.demo.scenarioId} (${server.demo.sessionId})`,
      `  trainee code ${c.trainee}   facilitator ${c.facilitator}   observer ${c.observer}   bot ${c.bot}`,
      `  ${server.bots ? `${flags.bots ?? "the scenario's"} simulated viewers arriving over 20 s` : 'no bots'}`,
    );
  }
  if (flags.dev) lines.push('Dev mode: open the Vite URL (http://localhost:5173).');
  console.log(lines.join('\n'));
  const stop = () => {
    console.log('Shutting down…');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}
