/** `branchcast serve` (what `npm start` runs): build the client if needed, serve, open the demo room. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, startServer } from '../main.js';
import { originOf } from '../auth/guard.js';
import { parseAsrUrl } from '../voice/asr-relay.js';
import { parsePublicUrl } from '../workshop/public-links.js';
import { intFlag, parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast serve [--port N] [--host H] [--data DIR | --memory] [--bots N] [--scenario ID] [--no-demo]
                       [--demo local|open|off] [--trust-proxy] [--allowed-origin URL]… [--public-url URL] [--asr-url ws://…]
                       [--dev]
                       [--database-url URL] [--redis-url URL] [--node-id NAME]

  --port N       port for HTTP and Socket.IO (default: $PORT or 8080)
  --host H       interface to listen on (default 0.0.0.0: headsets on the LAN can join)
  --data DIR     folder for the SQLite database (default ./data)
  --memory       keep recordings in memory only
  --bots N       bots in the demo room (default: the scenario's count)
  --scenario ID  scenario of the demo room (default: the first in scenes/)
  --no-demo      open no demo room
  --demo MODE    who may fetch the demo room's codes without logging in: local (this machine,
                 the default), open (anyone who can reach the server), off (facilitators only);
                 default: $BRANCHCAST_DEMO or local
  --trust-proxy  behind a reverse proxy: take the client address from the last X-Forwarded-For
                 entry (login and join-code limits, the local demo); default: $BRANCHCAST_TRUST_PROXY=1
  --allowed-origin URL
                 another origin (scheme://host:port) whose pages may write and open sockets here,
                 besides this server's own; repeatable; --dev adds http://localhost:5173
  --public-url URL
                 the origin (scheme://host[:port]) people use to reach this server: every printed
                 and shown link (setup, join links, QR codes) names it; default:
                 $BRANCHCAST_PUBLIC_URL, else this machine's LAN addresses are printed and the
                 first one is used
  --asr-url URL  a FunASR 2-pass runtime server (ws:// or wss://) the server relays trainees'
                 speech to for recognition (docs/VOICE.md); default: $BRANCHCAST_ASR_URL
  --dev          do not build or serve the client (Vite serves it)
  --database-url URL
                 postgres://… keeps everything in PostgreSQL and serves rooms under leases, so
                 several nodes can share it (docs/SCALING.md); default: $BRANCHCAST_DATABASE_URL
  --redis-url URL
                 redis://… fans broadcasts out to every node; default: $BRANCHCAST_REDIS_URL
  --node-id NAME this node's name in leases and /metrics; default: $BRANCHCAST_NODE_ID or host-pid
`;

async function ensureClientBuilt(): Promise<void> {
  if (existsSync(join(REPO_ROOT, 'client', 'dist', 'index.html'))) return;
  console.log('Building the client (first start)…');
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** What an operator needs to know about access: the one-time setup link, the bot token, the demo policy. */
function accessLines(
  server: Pick<Awaited<ReturnType<typeof startServer>>, 'links' | 'access' | 'signer'>,
  flags: { dev?: boolean; demo: string },
): string[] {
  const { auth } = server.access;
  // The same origin as the "serving on" line and the console's links: the login cookie the setup
  // page sets belongs to the host the links name.
  const origin = flags.dev ? 'http://localhost:5173' : server.links.origin;
  const out: string[] = [];
  if (auth.setupToken) {
    out.push(
      'No facilitator account yet. Create the first one (this link works once):',
      `  ${origin}/setup#token=${auth.setupToken}`,
      '  or headless: branchcast facilitator add NAME (reads the password from stdin)',
    );
  }
  out.push(
    `Bot token (branchcast bots --token): ${auth.botToken}`,
    `Signing key (exports and reports are signed; compare with branchcast verify): ${server.signer.fingerprint}`,
    flags.demo === 'open'
      ? 'Demo room: its codes are open to anyone who can reach this server (--demo open).'
      : flags.demo === 'off'
        ? 'Demo room: its codes are for logged-in facilitators only (--demo off).'
        : 'Demo room: its codes are open only on this machine (--demo open opens them to the network).',
  );
  return out;
}

/** Everything `serve` prints at start: where to open it (one origin for every link), the demo room, access. */
export function startupLines(
  server: Pick<Awaited<ReturnType<typeof startServer>>, 'links' | 'store' | 'demo' | 'bots' | 'access' | 'signer'>,
  flags: { dev?: boolean; demo: string; bots?: number; asrUrl?: string | null; nodeId?: string | null },
): string[] {
  const { links } = server;
  const lines = [
    `Branchcast is serving on ${links.origin}  (store: ${server.store.kind}${flags.nodeId ? `, node ${flags.nodeId}` : ''})`,
  ];
  if (links.publicUrl) lines.push(`  public URL (--public-url): every link names ${links.publicUrl}`);
  else if (links.lan.length > 1)
    lines.push('  also reachable on the LAN at:', ...links.lan.slice(1).map((o) => `    ${o}`));
  else if (links.lan.length === 0)
    lines.push('  no LAN address found: only this machine can open it (set --public-url for others)');
  if (flags.asrUrl) lines.push(`Speech recognition: relayed to FunASR at ${flags.asrUrl}`);
  if (server.demo) {
    const c = server.demo.codes;
    lines.push(
      `Demo room: ${server.demo.scenarioId} (${server.demo.sessionId})`,
      `  trainee link ${links.origin}/join/${encodeURIComponent(c.trainee)}`,
      `  trainee code ${c.trainee}   facilitator ${c.facilitator}   observer ${c.observer}   bot ${c.bot}`,
      `  ${server.bots ? `${flags.bots ?? "the scenario's"} simulated viewers arriving over 20 s` : 'no bots'}`,
    );
  }
  if (flags.dev) lines.push('Dev mode: open the Vite URL (http://localhost:5173).');
  lines.push(`Facilitator console: ${flags.dev ? 'http://localhost:5173' : links.origin}/console`);
  lines.push(...accessLines(server, { dev: flags.dev, demo: flags.demo }));
  return lines;
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
      demo: { type: 'string' },
      dev: { type: 'boolean' },
      'trust-proxy': { type: 'boolean' },
      'allowed-origin': { type: 'string', multiple: true },
      'public-url': { type: 'string' },
      'asr-url': { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      'node-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const demo = values.demo ?? process.env.BRANCHCAST_DEMO;
    if (demo !== undefined && demo !== 'local' && demo !== 'open' && demo !== 'off')
      throw new UsageError(`--demo: expected local, open or off, got "${demo}"`);
    for (const o of values['allowed-origin'] ?? [])
      if (!originOf(o) || originOf(o) !== o.replace(/\/$/, '').toLowerCase())
        throw new UsageError(`--allowed-origin: expected scheme://host[:port] with no path, got "${o}"`);
    let asrUrl: string | null;
    try {
      asrUrl = parseAsrUrl(values['asr-url'] ?? process.env.BRANCHCAST_ASR_URL);
    } catch (e) {
      throw new UsageError(`--asr-url: ${(e as Error).message}`);
    }
    const rawPublic = values['public-url'] ?? process.env.BRANCHCAST_PUBLIC_URL;
    const publicUrl = rawPublic ? parsePublicUrl(rawPublic) : null;
    if (rawPublic && !publicUrl)
      throw new UsageError(`--public-url: expected http(s)://host[:port] with no path, got "${rawPublic}"`);
    flags = {
      ...values,
      publicUrl,
      asrUrl,
      demo: (demo ?? 'local') as 'local' | 'open' | 'off',
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
    publicUrl: flags.publicUrl,
    ...(flags['database-url'] ? { databaseUrl: flags['database-url'] } : {}),
    ...(flags['redis-url'] ? { redisUrl: flags['redis-url'] } : {}),
    ...(flags['node-id'] ? { nodeId: flags['node-id'] } : {}),
    defaultRoom: flags['no-demo'] ? false : { scenarioId: flags.scenario, bots: flags.bots },
    asr: { url: flags.asrUrl },
    auth: {
      demo: flags.demo,
      trustProxy: flags['trust-proxy'] || process.env.BRANCHCAST_TRUST_PROXY === '1',
      allowedOrigins: [
        ...(flags['allowed-origin'] ?? []),
        ...(flags.dev ? ['http://localhost:5173', 'http://127.0.0.1:5173'] : []),
      ],
    },
  });
  console.log(
    startupLines(server, {
      dev: flags.dev,
      demo: flags.demo,
      bots: flags.bots,
      asrUrl: flags.asrUrl,
      nodeId: server.cluster ? server.nodeId : null,
    }).join('\n'),
  );
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
