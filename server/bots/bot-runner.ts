/**
 * BotRunner: the simulated audience as real socket.io-client connections speaking the documented
 * protocol, with the same validation and rate limits as people. The policy is core's Audience;
 * this file only turns its actions into connections and commands, and feeds it the room's
 * events (deduplicated by seq, since every bot receives the stream). A bot never throws into
 * the runner, and a dropped connection re-joins on reconnect.
 */
import { io, type Socket } from 'socket.io-client';
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import type { ContinueFrom } from '../../core/audience/memory.js';
import { botName } from '../../core/audience/names.js';
import { readerOf } from '../../core/audience/restore.js';
import type { SessionEvent } from '../../core/events.js';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type JoinOk,
  type ServerToClientEvents,
  type CommandOk,
} from '../../core/protocol.js';

type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface BotRunnerOptions {
  url: string;
  /** The room's bot join code; or, instead, `sessionId` with the server's `botToken` (docs/ACCESS.md). */
  code?: string;
  sessionId?: string;
  botToken?: string;
  count: number;
  seed: number;
  /** Everyday lines per viewer per minute (default: the scenario's). */
  ratePerMinute?: number;
  /** Most viewers arrive within this many seconds of the session's creation (default 120). */
  rampSec?: number;
  /** Share of viewers who wait for a segment announcement to arrive (default 0.2). */
  reserveShare?: number;
  /**
   * A retry's audience (core/audience/restore.ts): continue the viewers of this recording — the
   * first connection is one of them, and `count` is the original audience's planned size.
   */
  continueFrom?: ContinueFrom;
  /** How often the policy is asked for due actions, in ms. */
  tickMs?: number;
  log?: (msg: string) => void;
  /** Called as bots connect: (joined, wanted). */
  onProgress?: (joined: number, wanted: number) => void;
}

export interface BotStats {
  connected: number;
  joined: number;
  sent: number;
  acked: number;
  failedAcks: number;
  disconnects: number;
  left: number;
}

interface Bot {
  index: number;
  socket: BotSocket;
  joined: boolean;
  leaving: boolean;
}

export class BotRunner {
  readonly stats: BotStats = { connected: 0, joined: 0, sent: 0, acked: 0, failedAcks: 0, disconnects: 0, left: 0 };
  private bots = new Map<number, Bot>();
  private audience: Audience | null = null;
  private lastSeq = 0;
  private lastT = 0;
  private lastWall = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private actions: AudienceAction[] = [];
  private firstJoin: Promise<void>;
  private resolveFirst!: () => void;
  private rejectFirst!: (err: Error) => void;

  constructor(private opts: BotRunnerOptions) {
    this.firstJoin = new Promise((res, rej) => {
      this.resolveFirst = res;
      this.rejectFirst = rej;
    });
  }

  /** True once the session has ended (the runner then has nothing left to do). */
  ended = false;

  get audienceModel(): Audience | null {
    return this.audience;
  }

  /**
   * Connect the first viewer to read the room (scenario, state), then let the policy bring the
   * rest in on its arrival curve. Resolves once the first viewer is in; `waitForArrivals` waits
   * for the rest.
   */
  async start(): Promise<void> {
    if (this.opts.count <= 0) return;
    // The room is read by its first viewer: in a retry, one who was there at the branch point.
    this.connect(this.opts.continueFrom ? readerOf(this.opts.continueFrom.events) : 0);
    await this.firstJoin;
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 200);
    this.tick();
  }

  /** Session time now, estimated from the last event and the wall clock since. */
  private now(): number {
    return this.lastT + (Date.now() - this.lastWall);
  }

  private connect(index: number): void {
    const socket: BotSocket = io(this.opts.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 500,
      ...(this.opts.botToken ? { auth: { botToken: this.opts.botToken } } : {}),
    });
    const bot: Bot = { index, socket, joined: false, leaving: false };
    this.bots.set(index, bot);
    socket.on('events', (batch) => this.feed(batch));
    socket.on('disconnect', () => {
      bot.joined = false;
      if (!this.stopped && !bot.leaving) this.stats.disconnects++;
    });
    socket.on('connect', () => {
      this.stats.connected++;
      // A new connection is a new participant: join again after every (re)connect.
      socket.emit(
        'join',
        {
          protocolVersion: PROTOCOL_VERSION,
          ...(this.opts.code ? { code: this.opts.code } : { sessionId: this.opts.sessionId }),
          role: 'bot',
          name: botName(index),
        },
        (ack: Ack<JoinOk>) => this.onJoined(bot, ack),
      );
    });
    socket.on('connect_error', (err) => {
      if (index === 0 && !this.audience)
        this.rejectFirst(new Error(`cannot connect to ${this.opts.url}: ${err.message}`));
    });
  }

  private onJoined(bot: Bot, ack: Ack<JoinOk>): void {
    if (!ack.ok) {
      this.stats.failedAcks++;
      this.opts.log?.(`bot ${bot.index}: join refused: ${ack.code} ${ack.message}`);
      if (bot.index === 0 && !this.audience) this.rejectFirst(new Error(`join refused: ${ack.code} ${ack.message}`));
      bot.leaving = true;
      bot.socket.disconnect();
      return;
    }
    bot.joined = true;
    this.stats.joined++;
    this.opts.onProgress?.(this.stats.joined, this.opts.count);
    if (!this.audience) {
      const scenario = ack.state.scenario;
      if (!scenario) {
        this.rejectFirst(new Error('the room has no scenario'));
        return;
      }
      this.audience = new Audience({
        scenario,
        seed: this.opts.seed,
        count: this.opts.count,
        ratePerMinute: this.opts.ratePerMinute,
        rampSec: this.opts.rampSec,
        reserveShare: this.opts.reserveShare,
        firstAtStart: !this.opts.continueFrom,
        continueFrom: this.opts.continueFrom,
      });
      this.audience.catchUp(ack.state);
      this.lastSeq = ack.state.lastSeq;
      this.lastT = ack.state.t;
      this.lastWall = Date.now();
      this.resolveFirst();
    }
    this.audience.bind(bot.index, ack.participantId);
  }

  /**
   * Feed events once each, in seq order. Bots receive a filtered stream (only what the policy
   * reads, see core/audience/subscription.ts), so gaps in seq are normal here.
   */
  private feed(batch: SessionEvent[]): void {
    if (!this.audience) return;
    for (const e of batch) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      this.lastT = e.t;
      this.lastWall = Date.now();
      this.audience.observe(e);
      if (e.type === 'session.ended') this.ended = true;
    }
  }

  private tick(): void {
    if (!this.audience || this.stopped) return;
    this.actions.length = 0;
    for (const a of this.audience.advance(this.now(), this.actions)) this.perform(a);
  }

  private perform(a: AudienceAction): void {
    if (a.kind === 'arrive') {
      if (!this.bots.has(a.viewer)) this.connect(a.viewer);
      return;
    }
    const bot = this.bots.get(a.viewer);
    if (!bot || !bot.joined) return;
    const done = (ack: Ack) => {
      if (ack.ok) this.stats.acked++;
      else this.stats.failedAcks++;
    };
    switch (a.kind) {
      case 'say': {
        this.stats.sent++;
        const asked = a.chatKind === 'question';
        bot.socket.emit('chat.send', { text: a.text, kind: a.chatKind, replyTo: a.replyTo }, (ack: Ack<CommandOk>) => {
          done(ack);
          // Bots do not receive viewers' chat, so the ack tells the policy which seq its question got.
          if (ack.ok && asked && ack.seq !== undefined) this.audience?.ownQuestion(a.viewer, ack.seq, this.now());
        });
        return;
      }
      case 'signal':
        this.stats.sent++;
        bot.socket.emit(
          'viewer.signal',
          { sentiment: a.sentiment, trust: a.trust, intent: a.intent, ...(a.leaving ? { leaving: a.leaving } : {}) },
          done,
        );
        return;
      case 'order':
        this.stats.sent++;
        bot.socket.emit('trade.place', a.order, (ack: Ack<CommandOk>) => {
          done(ack);
          // Bots do not receive others' trades; the ack tells the policy how its own order went.
          if (ack.ok && ack.trade) this.audience?.orderOutcome(a.viewer, a.order, ack.trade);
        });
        return;
      case 'leave':
        bot.leaving = true;
        this.stats.left++;
        // Let the last words and signal go out before the connection closes.
        setTimeout(() => bot.socket.disconnect(), 300);
        return;
    }
  }

  /** Wait until `n` bots have joined (or the timeout passes). */
  async waitForJoined(n: number, timeoutMs = 30_000): Promise<boolean> {
    const start = Date.now();
    while (this.stats.joined < n) {
      if (Date.now() - start > timeoutMs || this.stopped) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const b of this.bots.values()) {
      b.leaving = true;
      b.socket.removeAllListeners();
      b.socket.disconnect();
    }
    this.bots.clear();
  }
}
