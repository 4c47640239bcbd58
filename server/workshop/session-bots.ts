/**
 * The simulated audience of any session, not only the demo room: start, reconfigure (count,
 * rate) and stop a BotRunner per session. Bots are ordinary clients (the room's bot code over
 * Socket.IO), so a reconfiguration is a new audience: the old viewers leave and the new ones join
 * — the policy (core/audience) fixes its viewers and rate when it is made. Operations on one
 * session run one after another, so a burst of clicks never leaves two audiences in a room.
 */
import type { BotStatus } from '../../core/workshop/api-types.js';
import type { ContinueFrom } from '../../core/audience/memory.js';
import { BotRunner } from '../bots/bot-runner.js';

export interface BotSettings {
  count: number;
  ratePerMinute: number;
  /** Seconds over which viewers arrive (from the session's start of time; late ones come at once). */
  rampSec: number;
  /** A retry's audience continues the viewers of this recording (server/workshop/retry-audience.ts). */
  continueFrom?: ContinueFrom;
}

// Also a wire shape (POST /api/live/:id/bots, the live overview): declared in core.
export type { BotStatus };

export interface SessionBotsDeps {
  /** Where bots connect (the server's own loopback URL, known once it listens). */
  url: () => string;
  log: (msg: string) => void;
  /** Ms between policy ticks (default 200; tests may go faster). */
  tickMs?: number;
}

interface Entry {
  code: string;
  seed: number;
  settings: BotSettings;
  runner: BotRunner | null;
  /** The tail of this session's operations. */
  chain: Promise<void>;
}

export class SessionBots {
  private entries = new Map<string, Entry>();
  private closed = false;

  constructor(private deps: SessionBotsDeps) {}

  private run(sessionId: string, entry: Entry, op: () => Promise<void>): Promise<void> {
    const next = entry.chain.then(op, op);
    // The chain itself never rejects: a failed start is logged and the next operation runs.
    entry.chain = next.catch((err: unknown) =>
      this.deps.log(`session ${sessionId}: bots: ${err instanceof Error ? err.message : String(err)}`),
    );
    return next;
  }

  private async launch(entry: Entry): Promise<void> {
    if (this.closed || entry.settings.count <= 0) return;
    const runner = new BotRunner({
      url: this.deps.url(),
      code: entry.code,
      count: entry.settings.count,
      seed: entry.seed,
      ratePerMinute: entry.settings.ratePerMinute,
      rampSec: entry.settings.rampSec,
      continueFrom: entry.settings.continueFrom,
      tickMs: this.deps.tickMs,
      log: this.deps.log,
    });
    entry.runner = runner;
    try {
      await runner.start();
    } catch (err) {
      entry.runner = null;
      await runner.stop();
      throw err;
    }
  }

  /** Give a session its audience (replacing one it has). Resolves once the first viewer is in. */
  start(sessionId: string, code: string, seed: number, settings: BotSettings): Promise<void> {
    let entry = this.entries.get(sessionId);
    if (!entry) {
      entry = { code, seed, settings: { ...settings }, runner: null, chain: Promise.resolve() };
      this.entries.set(sessionId, entry);
    }
    const e = entry;
    return this.run(sessionId, e, async () => {
      await e.runner?.stop();
      e.runner = null;
      e.settings = { ...settings };
      await this.launch(e);
    });
  }

  /**
   * Change the size or rate of a session's audience; `count: 0` stops it. Resolves with the new
   * settings once the first new viewer is in. Undefined for a session without managed bots.
   */
  async configure(
    sessionId: string,
    patch: { count?: number; ratePerMinute?: number },
  ): Promise<BotStatus | undefined> {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    await this.run(sessionId, e, async () => {
      const next = { ...e.settings, ...patch };
      if (next.count === e.settings.count && next.ratePerMinute === e.settings.ratePerMinute && e.runner) return;
      await e.runner?.stop();
      e.runner = null;
      // Viewers of a reconfigured audience arrive at once: the session is already under way. It is
      // a new audience: a retry's continued viewers are not continued twice.
      e.settings = { count: next.count, ratePerMinute: next.ratePerMinute, rampSec: 0 };
      await this.launch(e);
    });
    return this.status(sessionId);
  }

  status(sessionId: string): BotStatus | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    return { count: e.settings.count, ratePerMinute: e.settings.ratePerMinute, running: e.runner !== null };
  }

  has(sessionId: string): boolean {
    return this.entries.has(sessionId);
  }

  /** Stop a session's bots (it ended). The settings stay, shown as not running. */
  stop(sessionId: string): Promise<void> {
    const e = this.entries.get(sessionId);
    if (!e) return Promise.resolve();
    return this.run(sessionId, e, async () => {
      const r = e.runner;
      e.runner = null;
      await r?.stop();
    });
  }

  /** Stop every audience (the server is closing); nothing starts after this. */
  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.entries.keys()].map((id) => this.stop(id)));
  }
}
