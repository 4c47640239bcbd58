/**
 * startServer: the only place that wires things. Store, clock, scenes, rooms, Socket.IO, HTTP and
 * the demo room's bots are created here and handed to each other as interfaces.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { Role } from '../core/events.js';
import type { Scenario } from '../core/scenario.js';
import { createAccess, type Access, type AccessOptions } from './auth/access.js';
import { BotRunner } from './bots/bot-runner.js';
import { systemClock, type Clock } from './rooms/clock.js';
import { createHttpHandler } from './edge/http.js';
import type { RateLimit } from './rooms/rate-limit.js';
import { RoomRegistry } from './rooms/room-registry.js';
import { loadRubrics } from './content/rubrics.js';
import { loadScenes } from './content/scenes.js';
import { attachGateway, botChannel, roomChannel, type GatewayCounters, type IoServer } from './edge/socket-gateway.js';
import { botsNeed } from '../core/audience/subscription.js';
import { MemoryStore } from './store/memory-store.js';
import type { RecordingStore } from './store/recording-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import { openWorkshopStore } from './workshop/open-workshop-store.js';
import { workshopRoutes } from './workshop/workshop-routes.js';
import { hostVoiceRoutes } from './voice/host-voice.js';
import { Workshop } from './workshop/workshop-service.js';
import type { WorkshopStore } from './workshop/workshop-store.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Folder for the SQLite database; null keeps everything in memory. Default ./data */
  dataDir?: string | null;
  /** Use this store instead of opening one (tests). */
  store?: RecordingStore;
  clock?: Clock;
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
  /** Accounts, bot token, secure cookies, demo policy (docs/ACCESS.md); defaults from the environment. */
  auth?: AccessOptions;
  /** Gather commands for this many ms before each durable flush (0: end of the I/O turn). */
  flushMs?: number;
  /** Cohorts and assignments; default: next to the recordings (server/workshop/open-workshop-store.ts). */
  workshopStore?: WorkshopStore;
  /** Policy tick of workshop sessions' bots in ms (default 200). */
  workshopBotTickMs?: number;
  log?: (msg: string) => void;
}

export interface DemoRoom {
  sessionId: string;
  scenarioId: string;
  codes: Record<Role, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  store: RecordingStore;
  rooms: RoomRegistry;
  io: IoServer;
  counters: GatewayCounters;
  scenarios: Map<string, Scenario>;
  sceneErrors: string[];
  demo: DemoRoom | null;
  bots: BotRunner | null;
  /** Cohorts, parallel sessions with their own bots, live overview and control (docs/WORKSHOP.md). */
  workshop: Workshop;
  /** Accounts and the guard: `access.auth.setupToken` is the one-time setup link's token. */
  access: Access;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const clock = opts.clock ?? systemClock;
  const dataDir = opts.dataDir === undefined ? resolve('data') : opts.dataDir;
  const store = opts.store ?? (dataDir === null ? new MemoryStore() : new SqliteStore(join(dataDir, 'branchcast.db')));
  const access = createAccess(dataDir, store, opts.auth);
  const { scenarios, errors: sceneErrors } = loadScenes(opts.scenesDir ?? join(REPO_ROOT, 'scenes'));
  for (const e of sceneErrors) log(`scenario error: ${e}`);
  const { rubrics, errors: rubricErrors } = loadRubrics(join(opts.scenesDir ?? join(REPO_ROOT, 'scenes'), 'rubrics'));
  for (const e of rubricErrors) log(`rubric error: ${e}`);

  const clientDir = opts.clientDir === undefined ? join(REPO_ROOT, 'client', 'dist') : opts.clientDir;
  let io: IoServer | null = null;
  let workshop: Workshop | null = null;
  let selfUrl = '';
  const rooms = new RoomRegistry({
    store,
    clock,
    broadcast: (sessionId, batch) => {
      if (!io) return;
      // One frame per peer per flush; bots get only what their policy reads.
      io.to(roomChannel(sessionId)).emit('events', batch);
      const forBots = batch.filter(botsNeed);
      if (forBots.length > 0) io.to(botChannel(sessionId)).emit('events', forBots);
      // The live overview's score fold, and stopping a session's bots when it ends.
      workshop?.observe(sessionId, batch);
    },
    flushMs: opts.flushMs ?? 10,
    log,
  });
  const workshopStore = opts.workshopStore ?? openWorkshopStore(store);
  workshop = new Workshop({
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
  const httpServer = createServer(
    createHttpHandler({
      rooms,
      scenarios,
      clientDir: clientDir ? resolve(clientDir) : null,
      guard: access.guard,
      demoAccess: access.demo,
      reports: { store, scenarios, rubrics },
      recordings: { store, now: () => clock.now(), rooms },
      routes: [workshopRoutes(workshop), hostVoiceRoutes()],
    }),
  );
  io = new Server(httpServer, {
    serveClient: false,
    // Commands are tiny; anything near this is abuse and Socket.IO drops that one connection.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
  const counters = attachGateway(io, rooms, { clock, rateLimit: opts.rateLimit, log, guard: access.guard });

  await rooms.resumeAll();
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
  const url = `http://localhost:${port}`;
  selfUrl = `http://127.0.0.1:${port}`;
  // Resumed workshop sessions get back the audience their recordings last asked for.
  workshop.resumeAudiences();

  let demo: DemoRoom | null = null;
  let bots: BotRunner | null = null;
  if (opts.defaultRoom !== false) {
    const want = opts.defaultRoom?.scenarioId;
    let room = rooms.demo();
    if (!room) {
      const scenario = want ? scenarios.get(want) : scenarios.values().next().value;
      if (scenario) room = await rooms.create(scenario, { demo: true, seed: opts.defaultRoom?.seed });
      else
        log(want ? `no scenario "${want}": no demo room opened` : 'no valid scenario in scenes/: no demo room opened');
    }
    if (room) {
      demo = { sessionId: room.id, scenarioId: room.record.scenarioId, codes: room.record.codes };
      const count = opts.defaultRoom?.bots ?? room.scenario.bots.count;
      if (count > 0) {
        bots = new BotRunner({
          url: `http://127.0.0.1:${port}`,
          code: room.record.codes.bot,
          count,
          seed: room.record.seed,
          rampSec: opts.defaultRoom?.rampSec ?? 20,
          reserveShare: opts.defaultRoom?.reserveShare,
          log,
        });
        await bots.start();
      }
    }
  }

  let closed = false;
  return {
    url,
    port,
    store,
    rooms,
    io,
    counters,
    scenarios,
    sceneErrors,
    demo,
    bots,
    access,
    workshop,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      await bots?.stop();
      await workshop!.close();
      rooms.closeAll();
      await new Promise<void>((res) => io!.close(() => res()));
      if (!opts.store) store.close();
      if (!opts.workshopStore) workshopStore.close();
      access.close();
    },
  };
}
