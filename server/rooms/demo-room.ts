/**
 * The demo room README promises: one is always open. When the demo stream ends, its bots stop and
 * a fresh demo room (new codes, same scenario and audience) opens, so `/api/demo` and the lobby
 * have one to join again (issue 12 point 9).
 */
import type { Role, SessionEvent } from '../../core/events.js';
import type { Scenario } from '../../core/scenario.js';
import { BotRunner } from '../bots/bot-runner.js';
import type { RoomRegistry } from './room-registry.js';

export interface DemoRoom {
  sessionId: string;
  scenarioId: string;
  codes: Record<Role, string>;
}

export interface DemoSettings {
  scenarioId?: string;
  bots?: number;
  seed?: number;
  rampSec?: number;
  reserveShare?: number;
}

export interface DemoKeeperDeps {
  rooms: RoomRegistry;
  scenarios: Map<string, Scenario>;
  /** The server's own loopback URL (bots connect there). */
  url: () => string;
  log: (msg: string) => void;
}

export class DemoKeeper {
  private room: DemoRoom | null = null;
  private bots: BotRunner | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Rooms opened after the first: how many times the demo reopened in this process. */
  reopened = 0;

  constructor(
    private deps: DemoKeeperDeps,
    private settings: DemoSettings,
  ) {}

  current(): DemoRoom | null {
    return this.room;
  }

  runner(): BotRunner | null {
    return this.bots;
  }

  /** Reuse a live demo room (after a restart) or open one. */
  async open(): Promise<DemoRoom | null> {
    const { rooms, scenarios, log } = this.deps;
    const want = this.settings.scenarioId;
    let room = rooms.demo();
    if (!room) {
      const scenario = want ? scenarios.get(want) : scenarios.values().next().value;
      if (!scenario) {
        log(want ? `no scenario "${want}": no demo room opened` : 'no valid scenario in scenes/: no demo room opened');
        return null;
      }
      room = await rooms.create(scenario, { demo: true, seed: this.settings.seed });
    }
    this.room = { sessionId: room.id, scenarioId: room.record.scenarioId, codes: room.record.codes };
    const count = this.settings.bots ?? room.scenario.bots.count;
    if (count > 0) {
      const bots = new BotRunner({
        url: this.deps.url(),
        code: room.record.codes.bot,
        count,
        seed: room.record.seed,
        rampSec: this.settings.rampSec ?? 20,
        reserveShare: this.settings.reserveShare,
        log,
      });
      this.bots = bots;
      await bots.start();
    }
    return this.room;
  }

  /** Every flushed batch of every room: the demo's `session.ended` opens the next demo room. */
  observe(sessionId: string, batch: readonly SessionEvent[]): void {
    if (this.closed || sessionId !== this.room?.sessionId) return;
    if (!batch.some((e) => e.type === 'session.ended')) return;
    const ended = sessionId;
    this.chain = this.chain
      .then(async () => {
        if (this.closed || this.room?.sessionId !== ended) return;
        const old = this.bots;
        this.bots = null;
        this.room = null;
        await old?.stop();
        if (this.closed) return;
        const next = await this.open();
        if (next) {
          this.reopened++;
          this.deps.log(`demo room ${ended} ended; a fresh demo room opened: ${next.sessionId}`);
        }
      })
      .catch((err: unknown) =>
        this.deps.log(`demo room not reopened: ${err instanceof Error ? err.message : String(err)}`),
      );
  }

  /** Resolves once any reopening under way has finished (tests, close). */
  settled(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await this.bots?.stop();
    this.bots = null;
  }
}
