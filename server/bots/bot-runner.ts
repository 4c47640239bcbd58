/**
 * BotRunner: N simulated viewers as real socket.io-client connections speaking the documented
 * protocol, with the same validation and rate limits as people. Minimal for now: each bot joins,
 * then chats and asks questions from its persona's phrase bank at the scenario's rate, drawing
 * from a seeded PRNG so a run is repeatable. A bot never throws into the runner.
 */
import { io, type Socket } from 'socket.io-client';
import type { SessionEvent } from '../../core/events.js';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../core/protocol.js';
import { Rng } from '../../core/random.js';
import type { BotPopulation } from '../../core/scenario.js';
import { botName } from '../../core/audience/names.js';
import { PERSONA_IDS, PHRASES, type PersonaId } from '../../core/audience/phrases.js';

type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface BotRunnerOptions {
  url: string;
  /** The room's bot join code. */
  code: string;
  count: number;
  seed: number;
  population?: BotPopulation;
  /** Messages per bot per minute (overrides the population's rate). */
  ratePerMinute?: number;
  /** First bot's index (names and PRNG streams), so two runners in one room do not collide. */
  offset?: number;
  log?: (msg: string) => void;
}

export interface BotStats {
  connected: number;
  joined: number;
  sent: number;
  failedAcks: number;
  disconnects: number;
}

interface Bot {
  index: number;
  persona: PersonaId;
  rng: Rng;
  socket: BotSocket;
  timer: ReturnType<typeof setTimeout> | null;
  joined: boolean;
}

export class BotRunner {
  readonly stats: BotStats = { connected: 0, joined: 0, sent: 0, failedAcks: 0, disconnects: 0 };
  private bots: Bot[] = [];
  private live = false;
  private ended = false;
  private stopped = false;
  private rate: number;

  constructor(private opts: BotRunnerOptions) {
    this.rate = opts.ratePerMinute ?? opts.population?.ratePerMinute ?? 2;
  }

  /** Connect and join every bot; resolves when all have joined or failed. */
  async start(): Promise<void> {
    const personas = this.opts.population?.personas.filter((p) =>
      (PERSONA_IDS as readonly string[]).includes(p.persona),
    );
    const weights = personas?.map((p) => p.weight);
    const pickRng = new Rng(this.opts.seed);
    const joins: Promise<void>[] = [];
    for (let i = 0; i < this.opts.count; i++) {
      const index = (this.opts.offset ?? 0) + i;
      const persona = (
        personas && weights && personas.length > 0
          ? personas[pickRng.weighted(weights)]!.persona
          : PERSONA_IDS[index % PERSONA_IDS.length]
      ) as PersonaId;
      joins.push(this.spawn(index, persona));
    }
    await Promise.all(joins);
  }

  private spawn(index: number, persona: PersonaId): Promise<void> {
    const socket: BotSocket = io(this.opts.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 500,
    });
    const bot: Bot = {
      index,
      persona,
      rng: new Rng((this.opts.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0),
      socket,
      timer: null,
      joined: false,
    };
    this.bots.push(bot);
    socket.on('events', (batch) => this.observe(batch));
    socket.on('disconnect', () => {
      bot.joined = false;
      this.clearTimer(bot);
      if (!this.stopped) this.stats.disconnects++;
    });
    return new Promise<void>((resolve) => {
      let first = true;
      socket.on('connect', () => {
        this.stats.connected++;
        // Re-join on every (re)connect: a new connection is a new participant.
        socket.emit(
          'join',
          { protocolVersion: PROTOCOL_VERSION, code: this.opts.code, role: 'bot', name: botName(index) },
          (ack) => {
            if (ack.ok) {
              bot.joined = true;
              this.stats.joined++;
              this.live = ack.state.status === 'live';
              this.ended = ack.state.status === 'ended';
              this.schedule(bot);
            } else {
              this.stats.failedAcks++;
              this.opts.log?.(`bot ${index}: join refused: ${ack.code} ${ack.message}`);
            }
            if (first) {
              first = false;
              resolve();
            }
          },
        );
      });
      socket.on('connect_error', () => {
        if (first) {
          first = false;
          this.stats.failedAcks++;
          resolve();
        }
      });
    });
  }

  private observe(batch: SessionEvent[]): void {
    for (const e of batch) {
      if (e.type === 'session.started') this.live = true;
      else if (e.type === 'session.ended') this.ended = true;
    }
  }

  private clearTimer(bot: Bot): void {
    if (bot.timer) clearTimeout(bot.timer);
    bot.timer = null;
  }

  /** Next message after an exponential wait with the configured mean. */
  private schedule(bot: Bot): void {
    this.clearTimer(bot);
    if (this.stopped || this.ended || this.rate <= 0) return;
    const meanMs = 60_000 / this.rate;
    const wait = Math.min(meanMs * 4, -Math.log(1 - bot.rng.next()) * meanMs);
    bot.timer = setTimeout(() => this.speak(bot), wait);
  }

  private speak(bot: Bot): void {
    bot.timer = null;
    if (!bot.joined || this.stopped || this.ended) return;
    const bank = PHRASES[bot.persona];
    // Before the stream starts viewers only chat; questions wait until the host is live.
    const pool = this.live ? bank : bank.filter((p) => p.kind === 'chat');
    if (pool.length > 0) {
      const phrase = bot.rng.pick(pool);
      this.stats.sent++;
      bot.socket.emit('chat.send', { text: phrase.zh, kind: phrase.kind }, (ack: Ack) => {
        if (!ack.ok) this.stats.failedAcks++;
      });
    }
    this.schedule(bot);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const b of this.bots) {
      this.clearTimer(b);
      b.socket.removeAllListeners();
      b.socket.disconnect();
    }
    this.bots = [];
  }
}
