/**
 * startServer: the only place that wires things. Store, clock, scenes, rooms, Socket.IO, HTTP and
 * the demo room's bots are created here and handed to each other as interfaces.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { Scenario } from '../core/scenario.js';
import { createAccess, type Access, type AccessOptions } from './auth/access.js';
import type { BotRunner } from './bots/bot-runner.js';
import { systemClock, type Clock } from './rooms/clock.js';
import { createHttpHandler, securityHeaders } from './edge/http.js';
import type { RateLimit } from './rooms/rate-limit.js';
import { DemoKeeper, type DemoRoom } from './rooms/demo-room.js';
import { RoomRegistry } from './rooms/room-registry.js';
import { loadRubrics } from './content/rubrics.js';
import { loadScenes } from './content/scenes.js';
import {
  attachGateway,
  CONNECTION_LIMITS,
  type ConnectionLimits,
  type GatewayCounters,
  type IoServer,
} from './edge/socket-gateway.js';
import { SocketIoTransport } from './edge/socketio-transport.js';
import type { Scheduler } from './rooms/room-transport.js';
import { RoomCaps, ROOM_LIMITS, type RoomLimits } from './rooms/room-caps.js';
import { MemoryStore } from './store/memory-store.js';
import type { RecordingStore } from './store/recording-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import { openSignatureStore, type SignatureStore } from './recordings/signature-store.js';
import { loadOrCreateSigner, type Signer } from './recordings/signing.js';
import { evidenceRoute } from './recordings/evidence-pack.js';
import { openWorkshopStore } from './workshop/open-workshop-store.js';
import { continueRetryAudience } from './workshop/retry-audience.js';
import { workshopRoutes } from './workshop/workshop-routes.js';
import { practiceRoutes } from './practice/practice-routes.js';
import { hostVoiceRoutes } from './voice/host-voice.js';
import { attachAsrRelay, parseAsrUrl } from './voice/asr-relay.js';
import { voiceRoutes } from './voice/voice-routes.js';
import { VOICE_LIMITS, VoiceTakes, type VoiceLimits } from './voice/voice-takes.js';
import { Workshop } from './workshop/workshop-service.js';
import { publicLinks, type PublicLinks } from './workshop/public-links.js';
import type { WorkshopStore } from './workshop/workshop-store.js';
import { ClusterNode } from './cluster/cluster-node.js';
import type { LeaseTiming } from './cluster/leases.js';
import { opsHandler } from './cluster/ops-routes.js';
import { forwardHandler } from './cluster/forward-routes.js';
import { Router } from './cluster/routed-room.js';
import { defaultNodeId, openPgBackend } from './cluster/pg-backend.js';
import { FANOUT_LIMITS, openRedisFanout } from './edge/redis-fanout.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Folder for the SQLite database; null keeps everything in memory. Default ./data */
  dataDir?: string | null;
  /** Use this store instead of opening one (tests). */
  store?: RecordingStore;
  clock?: Clock;
  /** The rooms' flush timer (default: Node's timers). */
  scheduler?: Scheduler;
  scenesDir?: string;
  /** Built client to serve; null serves none (dev, where Vite serves it). */
  clientDir?: string | null;
  /** Open (or reopen) the demo room with bots; false for none. */
  defaultRoom?:
    | {
        scenarioId?: string;
        bots?: number;
        seed?: number;
        /** Seconds over which the demo's viewers arrive (default 20). */
        rampSec?: number;
        reserveShare?: number;
      }
    | false;
  rateLimit?: RateLimit;
  /** Join timeout and connections per address (docs/ACCESS.md, "Bounds"). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** Open rooms per server and per facilitator. */
  roomLimits?: Partial<RoomLimits>;
  /** Accounts, bot token, secure cookies, demo policy (docs/ACCESS.md); defaults from the environment. */
  auth?: AccessOptions;
  /** Gather commands for this many ms before each durable flush (0: end of the I/O turn). */
  flushMs?: number;
  /** Cohorts and assignments; default: next to the recordings (server/workshop/open-workshop-store.ts). */
  workshopStore?: WorkshopStore;
  /** Policy tick of workshop sessions' bots in ms (default 200). */
  workshopBotTickMs?: number;
  /** The origin of every link people are given (--public-url, BRANCHCAST_PUBLIC_URL); else LAN addresses. */
  publicUrl?: string | null;
  log?: (msg: string) => void;
  /**
   * Speech recognition (docs/VOICE.md): `url` of a FunASR 2-pass runtime the server relays to
   * (default BRANCHCAST_ASR_URL; null for none); `browser: false` forbids the browser's own,
   * usually cloud, recognition (default: BRANCHCAST_BROWSER_ASR is not "off").
   */
  asr?: { url?: string | null; browser?: boolean };
  /** Caps and retention of the opt-in voice recording (default retention: BRANCHCAST_VOICE_RETENTION_DAYS or 30). */
  voiceLimits?: Partial<VoiceLimits>;
  /**
   * PostgreSQL for every store, and rooms owned under leases so several nodes can share it
   * (docs/SCALING.md). Default: $BRANCHCAST_DATABASE_URL; null or unset: SQLite/memory, one process.
   */
  databaseUrl?: string | null;
  /** Redis Streams fan-out across nodes. Default: $BRANCHCAST_REDIS_URL; null or unset: none. */
  redisUrl?: string | null;
  /** This node's name in leases and metrics. Default: $BRANCHCAST_NODE_ID, else host-pid. */
  nodeId?: string;
  /** Where other nodes reach this one for forwarded commands. Default: $BRANCHCAST_NODE_URL, else loopback. */
  nodeUrl?: string;
  /** Lease length and renewal period (tests shorten them). */
  leaseTiming?: Partial<LeaseTiming>;
}

export type { DemoRoom };

/** BRANCHCAST_LEASE_TTL_MS / BRANCHCAST_LEASE_RENEW_MS (docs/SCALING.md): how fast a dead owner is replaced. */
function leaseTimingFromEnv(): Partial<LeaseTiming> {
  const num = (v: string | undefined) => (v && Number(v) > 0 ? Number(v) : undefined);
  const ttlMs = num(process.env.BRANCHCAST_LEASE_TTL_MS);
  const renewMs = num(process.env.BRANCHCAST_LEASE_RENEW_MS);
  return { ...(ttlMs ? { ttlMs } : {}), ...(renewMs ? { renewMs } : {}) };
}

export interface RunningServer {
  url: string;
  port: number;
  /** The origin printed and shown in links, and the LAN addresses (server/workshop/public-links.ts). */
  links: PublicLinks;
  store: RecordingStore;
  rooms: RoomRegistry;
  io: IoServer;
  counters: GatewayCounters;
  scenarios: Map<string, Scenario>;
  sceneErrors: string[];
  /** The demo room open now (a fresh one opens when it ends; docs/WORKSHOP.md). */
  readonly demo: DemoRoom | null;
  /** The demo room's audience now. */
  readonly bots: BotRunner | null;
  /** Opens the demo room and its successors; `settled()` waits for a reopening under way. */
  demoKeeper: DemoKeeper | null;
  /** Cohorts, parallel sessions with their own bots, live overview and control (docs/WORKSHOP.md). */
  workshop: Workshop;
  /** Accounts and the guard: `access.auth.setupToken` is the one-time setup link's token. */
  access: Access;
  /** The server's Ed25519 signing key (docs/RECORDING.md, "Signatures"). */
  signer: Signer;
  signatures: SignatureStore;
  /** The trainees' recorded voice, opt-in (docs/VOICE.md). */
  voice: VoiceTakes;
  /** Several nodes: this node's leases and takeovers; null with SQLite/memory. */
  cluster: ClusterNode | null;
  nodeId: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const clock = opts.clock ?? systemClock;
  const dataDir = opts.dataDir === undefined ? resolve('data') : opts.dataDir;
  const databaseUrl = opts.databaseUrl === undefined ? process.env.BRANCHCAST_DATABASE_URL || null : opts.databaseUrl;
  const redisUrl = opts.redisUrl === undefined ? process.env.BRANCHCAST_REDIS_URL || null : opts.redisUrl;
  const nodeId = opts.nodeId ?? (process.env.BRANCHCAST_NODE_ID || defaultNodeId());
  const pgb = databaseUrl ? openPgBackend(databaseUrl, nodeId, opts.leaseTiming ?? leaseTimingFromEnv()) : null;
  const store =
    opts.store ??
    pgb?.store ??
    (dataDir === null ? new MemoryStore() : new SqliteStore(join(dataDir, 'branchcast.db')));
  const access = createAccess(dataDir, store, {
    ...(pgb ? { store: pgb.auth, limiterStore: { pgPool: pgb.limiterPool } } : {}),
    ...opts.auth,
    // Pages opened at the public URL (behind a proxy that rewrites Host) may write here too.
    allowedOrigins: [...(opts.auth?.allowedOrigins ?? []), ...(opts.publicUrl ? [opts.publicUrl] : [])],
  });
  const signer = pgb?.signer ?? loadOrCreateSigner(dataDir);
  const signatures = pgb?.signatures ?? openSignatureStore(dataDir === null ? null : join(dataDir, 'branchcast.db'));
  const fanout = redisUrl ? await openRedisFanout(redisUrl, log) : null;
  const cluster = pgb ? new ClusterNode({ leases: pgb.leases, log, onAdopted: (room) => adopted(room.id) }) : null;
  // A room taken over gets its scheduled incidents and its audience back on this node.
  const adopted = (_sessionId: string) => {
    workshop.control.restore();
    workshop.resumeAudiences();
  };
  const { scenarios, errors: sceneErrors } = loadScenes(opts.scenesDir ?? join(REPO_ROOT, 'scenes'));
  for (const e of sceneErrors) log(`scenario error: ${e}`);
  const { rubrics, errors: rubricErrors } = loadRubrics(join(opts.scenesDir ?? join(REPO_ROOT, 'scenes'), 'rubrics'));
  for (const e of rubricErrors) log(`rubric error: ${e}`);

  const clientDir = opts.clientDir === undefined ? join(REPO_ROOT, 'client', 'dist') : opts.clientDir;
  // The HTTP server first (Socket.IO attaches to it), its handler once the rooms exist: requests
  // only arrive after listen(), by which time `handle` is set.
  const httpServer = createServer((req, res) => handle(req, res));
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    // Commands are tiny; anything near this is abuse and Socket.IO drops that one connection.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // An Engine.IO connection that never connects to the namespace is closed as an unjoined one is.
    connectTimeout: opts.connectionLimits?.joinTimeoutMs ?? CONNECTION_LIMITS.joinTimeoutMs,
    // A page of another origin (another port of this host included) gets no socket at all: with
    // one it could join by sessionId on the facilitator's cookie (docs/ACCESS.md).
    allowRequest: (req, done) => {
      const ok = access.guard.originAllowed(req);
      done(ok ? null : 'origin not allowed', ok);
    },
    ...(fanout
      ? {
          adapter: fanout.adapter,
          // A client back within this long on any node gets the frames it missed (finite: upstream).
          connectionStateRecovery: { maxDisconnectionDuration: FANOUT_LIMITS.maxDisconnectionDurationMs },
        }
      : {}),
  });
  // One frame per seat per flush, through the seat's view (staff, room, bots: core/views.ts).
  let keeper: DemoKeeper | null = null;
  const rooms = new RoomRegistry({
    store,
    clock,
    transport: new SocketIoTransport(io),
    scheduler: opts.scheduler,
    flushMs: opts.flushMs ?? 10,
    log,
    ownership: cluster ?? undefined,
  });
  let selfUrl = '';
  let links: PublicLinks = { origin: '', publicUrl: opts.publicUrl ?? null, lan: [] };
  const workshopStore = opts.workshopStore ?? pgb?.workshop ?? openWorkshopStore(store);
  const workshop = new Workshop({
    store: workshopStore,
    recordings: store,
    rooms,
    scenarios,
    rubrics,
    clock,
    botUrl: () => selfUrl,
    log,
    botTickMs: opts.workshopBotTickMs,
  });
  // The live overview's score fold, and stopping a session's bots when it ends.
  rooms.onDurable((sessionId, batch) => {
    workshop.observe(sessionId, batch);
    // The demo room reopens when its stream ends.
    keeper?.observe(sessionId, batch);
  });
  const asr = attachAsrRelay(httpServer, {
    upstreamUrl: opts.asr?.url !== undefined ? opts.asr.url : parseAsrUrl(process.env.BRANCHCAST_ASR_URL),
    browserAllowed: opts.asr?.browser ?? process.env.BRANCHCAST_BROWSER_ASR !== 'off',
    guard: access.guard,
    store,
    log,
  });
  const days = Number(process.env.BRANCHCAST_VOICE_RETENTION_DAYS ?? '');
  const voice = new VoiceTakes(dataDir === null ? null : join(dataDir, 'voice'), {
    ...VOICE_LIMITS,
    ...(Number.isFinite(days) && days >= 0 && process.env.BRANCHCAST_VOICE_RETENTION_DAYS
      ? { retentionMs: days * 24 * 3600 * 1000 }
      : {}),
    ...opts.voiceLimits,
  });
  const swept = voice.sweep();
  if (swept > 0) log(`deleted the recorded voice of ${swept} session(s) past the retention`);
  const sweeper = setInterval(() => voice.sweep(), 3600_000);
  sweeper.unref();
  const roomCaps = new RoomCaps(rooms, { ...ROOM_LIMITS, ...opts.roomLimits });
  const handle = createHttpHandler({
    rooms,
    scenarios,
    clientDir: clientDir ? resolve(clientDir) : null,
    guard: access.guard,
    demoAccess: access.demo,
    reports: { store, scenarios, rubrics, signer },
    recordings: {
      store,
      now: () => clock.now(),
      rooms,
      signer,
      signatures,
      onBranch: (room, a) => continueRetryAudience({ bots: workshop.bots, control: workshop.control, log }, room, a),
    },
    roomCaps,
    routes: [
      workshopRoutes(workshop, () => links),
      practiceRoutes({ rooms, scenarios, store: workshopStore, bots: workshop.bots, roomCaps, log }),
      evidenceRoute({ store, scenarios, rubrics, signer, signatures }),
      hostVoiceRoutes(),
      asr.route,
      voiceRoutes(voice, store, rooms),
    ],
  });
  // Socket.IO answers some requests itself (a bad handshake, a refused origin) with headers of its
  // own: every answer under its path gets the security headers before any of them is written.
  const socketPath = '/socket.io/';
  const listeners = httpServer.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (ops(req, res) || forward?.(req, res)) return;
    if (req.url?.startsWith(socketPath))
      for (const [k, v] of Object.entries(securityHeaders(req, access.guard.deps.secureCookies ?? false)))
        res.setHeader(k, v);
    for (const l of listeners) l(req, res);
  });
  const counters = attachGateway(io, rooms, {
    clock,
    rateLimit: opts.rateLimit,
    log,
    guard: access.guard,
    limits: opts.connectionLimits,
    // Several nodes: a seat may be on any node; its commands go to the room's owner.
    router:
      pgb && cluster
        ? new Router({
            rooms,
            leases: pgb.leases,
            epochOf: (id) => cluster.held.get(id)?.epoch,
            secret: pgb.clusterSecret,
            store,
          })
        : undefined,
    resumeSecret: pgb?.clusterSecret,
  });
  const forward = pgb ? forwardHandler(rooms, pgb.clusterSecret, log) : null;

  const ops = opsHandler({
    nodeId,
    rooms,
    counters,
    sockets: () => io.engine.clientsCount,
    dbReady: () => (cluster ? cluster.healthy : null),
    redisReady: () => (fanout ? fanout.ready() : null),
    appendMs: pgb ? () => pgb.store.appendMs : undefined,
    leaseStats: pgb ? () => pgb.leases.stats : undefined,
    takeoverMs: cluster ? () => cluster.takeovers : undefined,
    headers: (req) => securityHeaders(req, access.guard.deps.secureCookies ?? false),
  });

  await rooms.resumeAll();
  // Scheduled incidents are in the recordings: resumed rooms get theirs back.
  const restored = workshop.control.restore();
  if (restored > 0) log(`restored ${restored} scheduled incident(s)`);
  // Scheduled incidents fire on the room's clock, whether or not anyone sends anything.
  const ticker = setInterval(() => void rooms.tick(), 500);
  ticker.unref();

  await new Promise<void>((res, rej) => {
    httpServer.once('error', rej);
    httpServer.listen(opts.port ?? 8080, opts.host ?? '0.0.0.0', () => {
      httpServer.off('error', rej);
      res();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  // `url` is for this machine (tests, the CLI); people are given `links.origin`.
  const url = `http://localhost:${port}`;
  links = publicLinks({ publicUrl: opts.publicUrl, host: opts.host, port });
  selfUrl = `http://127.0.0.1:${port}`;
  cluster?.start(rooms, opts.nodeUrl ?? (process.env.BRANCHCAST_NODE_URL || selfUrl));
  // Resumed workshop sessions get back the audience their recordings last asked for.
  workshop.resumeAudiences();

  if (opts.defaultRoom !== false) {
    keeper = new DemoKeeper({ rooms, scenarios, url: () => selfUrl, log }, opts.defaultRoom ?? {});
    await keeper.open();
  }

  let closed = false;
  return {
    url,
    port,
    links,
    store,
    rooms,
    io,
    counters,
    scenarios,
    sceneErrors,
    get demo() {
      return keeper?.current() ?? null;
    },
    get bots() {
      return keeper?.runner() ?? null;
    },
    demoKeeper: keeper,
    access,
    workshop,
    signer,
    signatures,
    voice,
    cluster,
    nodeId,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      clearInterval(sweeper);
      asr.close();
      await keeper?.close();
      await workshop.close();
      rooms.closeAll();
      // After the last flush: a clean stop hands the rooms back so another node takes them at once.
      cluster?.stop(true);
      await new Promise<void>((res) => io.close(() => res()));
      if (!opts.store) store.close();
      if (!opts.workshopStore) workshopStore.close();
      access.close();
      signatures.close();
      await fanout?.close();
      await pgb?.close();
    },
  };
}
