/**
 * The workshop (issue 8): sessions started for many trainees at once with their own simulated
 * audiences, and the live overview. Cohorts and trainees are in cohorts.ts, results scored from
 * the recordings in results.ts; HTTP lives in workshop-routes.ts. This file holds what the routes
 * do, so tests and the CLI could drive it without HTTP. Errors are WorkshopError with the HTTP status and a message that
 * names the field.
 */
import type { SessionEvent } from '../../core/events.js';
import type { Rubric } from '../../core/rubric/rubric-schema.js';
import type { Scenario } from '../../core/scenario.js';
import type {
  BotStatus,
  EndedSession,
  LiveSession,
  StartedSession,
  StartedSessions,
} from '../../core/workshop/api-types.js';
import type { AttemptNotePatch, SatisfactionInput } from '../../core/workshop/gradebook-types.js';
import type { Clock } from '../rooms/clock.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { RecordingStore } from '../store/recording-store.js';
import { ErrorCode, fail, type Ack } from '../../core/protocol.js';
import { LiveControl, type FacilitatorActor } from './live-control.js';
import { endedToday, liveSession } from './live-overview.js';
import { ScoreCache } from './score-cache.js';
import { broadcast, type BulkAction, type BulkResult } from './broadcast.js';
import { Cohorts, joinLink } from './cohorts.js';
import { seatCast } from './director-cast.js';
import { chooseTrainees, type OnExisting } from './gradebook.js';
import { Results } from './results.js';
import { WorkshopError } from './workshop-error.js';
import { SessionBots, type BotSettings } from './session-bots.js';
import type { Trainee, WorkshopStore } from './workshop-store.js';

export { WorkshopError };

export interface WorkshopDeps {
  store: WorkshopStore;
  recordings: RecordingStore;
  rooms: RoomRegistry;
  scenarios: Map<string, Scenario>;
  rubrics: Map<string, Rubric>;
  clock: Clock;
  /** The server's own URL for bots to connect to (known once it listens). */
  botUrl: () => string;
  log: (msg: string) => void;
  /** Bot policy tick (ms); tests go faster. */
  botTickMs?: number;
}

export const DEFAULT_RAMP_SEC = 20;

export { joinLink };

export class Workshop {
  readonly bots: SessionBots;
  readonly scores: ScoreCache;
  readonly control: LiveControl;
  readonly cohorts: Cohorts;
  readonly results: Results;
  /** The bot change each session is working through (what a REST answer waits for). */
  private following = new Map<string, Promise<void>>();

  constructor(private deps: WorkshopDeps) {
    this.bots = new SessionBots({ url: deps.botUrl, log: deps.log, tickMs: deps.botTickMs });
    this.scores = new ScoreCache({ store: deps.recordings, rubrics: deps.rubrics });
    this.control = new LiveControl({ rooms: deps.rooms, clock: deps.clock, log: deps.log });
    const now = () => deps.clock.now();
    this.cohorts = new Cohorts({ store: deps.store, recordings: deps.recordings, now });
    this.results = new Results({ ...deps, scores: this.scores, cohorts: this.cohorts, now });
  }

  /** Every durable batch of every room (main.ts's broadcast): the live fold, and the end of bots. */
  observe(sessionId: string, batch: readonly SessionEvent[]): void {
    this.scores.observe(sessionId, batch);
    for (const e of batch) {
      if (e.type === 'audience.configured') this.follow(sessionId, e.count, e.ratePerMinute);
      else if (e.type === 'session.ended') {
        void this.bots.stop(sessionId);
        this.control.forget(sessionId);
        this.following.delete(sessionId);
      }
    }
  }

  /**
   * The room recorded an audience setting (`bots.configure`, over REST or Socket.IO): make the
   * session's bots match it. The demo room's audience belongs to main.ts and is left alone.
   */
  private follow(sessionId: string, count: number, ratePerMinute: number): void {
    const room = this.deps.rooms.get(sessionId);
    if (!room || room.status === 'ended') return;
    if (room.record.demo) {
      this.deps.log(`session ${sessionId}: the demo room keeps its audience; audience.configured not applied`);
      return;
    }
    const done = this.bots.has(sessionId)
      ? this.bots.configure(sessionId, { count, ratePerMinute }).then(() => undefined)
      : this.bots.start(sessionId, room.record.codes.bot, room.record.seed, { count, ratePerMinute, rampSec: 0 });
    this.following.set(
      sessionId,
      done.catch(() => undefined),
    );
  }

  /** After a restart: give every resumed session the audience its recording last asked for. */
  resumeAudiences(): void {
    for (const room of this.deps.rooms.all()) {
      const target = room.status === 'ended' || room.record.demo ? null : room.snapshot().audienceTarget;
      if (target && !this.bots.has(room.id)) this.follow(room.id, target.count, target.ratePerMinute);
    }
  }

  // ── cohorts and trainees (cohorts.ts) ──────────────────────────────────

  createCohort = (name: string) => this.cohorts.create(name);
  listCohorts = () => this.cohorts.list();
  cohortDetail = (id: string) => this.cohorts.detail(id);
  addTrainees = (cohortId: string, names: readonly string[]) => this.cohorts.addTrainees(cohortId, names);
  deleteTrainee = (cohortId: string, traineeId: string) => this.cohorts.deleteTrainee(cohortId, traineeId);

  // ── sessions ────────────────────────────────────────────────────────────

  /** One session per trainee, each with its own audience; resolves once every audience has begun. */
  async startSessions(
    cohortId: string,
    req: { scenarioId: string; traineeIds?: string[]; bots?: Partial<BotSettings>; onExisting?: OnExisting },
    actor: FacilitatorActor,
  ): Promise<StartedSessions> {
    this.cohorts.get(cohortId);
    const scenario = this.deps.scenarios.get(req.scenarioId);
    if (!scenario) throw new WorkshopError(404, 'NOT_FOUND', `scenarioId: no scenario "${req.scenarioId}"`);
    const all = this.deps.store.listTrainees(cohortId);
    let chosen: Trainee[];
    if (req.traineeIds) {
      const byId = new Map(all.map((t) => [t.id, t]));
      chosen = req.traineeIds.map((id, i) => {
        const t = byId.get(id);
        if (!t) throw new WorkshopError(404, 'NOT_FOUND', `traineeIds.${i}: no trainee "${id}" in this cohort`);
        return t;
      });
      if (new Set(req.traineeIds).size !== req.traineeIds.length)
        throw new WorkshopError(400, 'BAD_PAYLOAD', 'traineeIds: a trainee is listed twice');
    } else chosen = all;
    if (chosen.length === 0)
      throw new WorkshopError(409, 'INVALID_STATE', 'traineeIds: the cohort has no trainees yet');
    // Throws StartConflict (409, listing them) when some already have an open session: ask first.
    chosen = chooseTrainees(this.deps.store, this.deps.rooms, chosen, req.onExisting ?? 'ask');
    const settings: BotSettings = {
      count: req.bots?.count ?? scenario.bots.count,
      ratePerMinute: req.bots?.ratePerMinute ?? scenario.bots.ratePerMinute,
      rampSec: req.bots?.rampSec ?? DEFAULT_RAMP_SEC,
    };
    const started: StartedSession[] = [];
    const audiences: Array<Promise<void>> = [];
    for (const t of chosen) {
      const room = await this.deps.rooms.create(scenario);
      this.deps.store.addAssignment({
        sessionId: room.id,
        cohortId,
        traineeId: t.id,
        scenarioId: scenario.id,
        startedAt: this.deps.clock.now(),
      });
      // Director mode's cast sits in the room from the start (director-cast.ts).
      await seatCast(room).catch((err: unknown) =>
        this.deps.log(`session ${room.id}: cast not seated: ${String(err)}`),
      );
      const codes = room.record.codes;
      started.push({
        traineeId: t.id,
        name: t.name,
        sessionId: room.id,
        joinCode: codes.trainee,
        joinLink: joinLink(codes.trainee),
        observerCode: codes.observer,
        facilitatorCode: codes.facilitator,
      });
      // A failed audience is logged (SessionBots) and shows as not running; the session stands.
      audiences.push(this.bots.start(room.id, codes.bot, room.record.seed, settings).catch(() => undefined));
      // The recording says which audience the trainee faced (the bots already match it).
      const ack = await this.control.command(room, actor, 'bots.configure', {
        count: settings.count,
        ratePerMinute: settings.ratePerMinute,
      });
      if (!ack.ok) this.deps.log(`session ${room.id}: audience not recorded: ${ack.message}`);
    }
    await Promise.all(audiences);
    return { cohortId, scenarioId: scenario.id, sessions: started };
  }

  /** A session's room while it is open in this process. */
  room(sessionId: string): SessionRoom | undefined {
    return this.deps.rooms.get(sessionId);
  }

  private assignmentOf = (sessionId: string) => {
    const a = this.deps.store.getAssignment(sessionId);
    return a ? { ...a, trainee: this.deps.store.getTrainee(a.traineeId) } : undefined;
  };

  /** Every running session (not ended), oldest first; optionally one cohort's only. */
  live(cohortId?: string): LiveSession[] {
    const out: LiveSession[] = [];
    const rooms = this.deps.rooms
      .all()
      // The demo room is the lobby's, not the workshop's: it is not a trainee's session.
      .filter((r) => r.status !== 'ended' && !r.record.demo)
      .sort((a, b) => a.record.createdAt - b.record.createdAt);
    for (const room of rooms) {
      const row = liveSession(room, {
        scores: this.scores,
        control: this.control,
        botStatus: (id) => this.bots.status(id),
        assignmentOf: this.assignmentOf,
      });
      if (cohortId === undefined || row.cohortId === cohortId) out.push(row);
    }
    return out;
  }

  /** A notice to, pause or end of every running workshop room (or one cohort's): broadcast.ts. */
  broadcast(action: BulkAction, actor: FacilitatorActor, cohortId?: string): Promise<BulkResult> {
    return broadcast(
      { rooms: this.deps.rooms, store: this.deps.store, control: this.control },
      action,
      actor,
      cohortId,
    );
  }

  /** The workshop's sessions that ended today (server's time zone), newest first. */
  endedToday(cohortId?: string): EndedSession[] {
    const { store, rooms, clock } = this.deps;
    return endedToday({ store, rooms, results: this.results, now: clock.now(), cohortId });
  }

  /**
   * Change a session's audience through the room (`bots.configure`, recorded as
   * `audience.configured` with the facilitator as actor); answers once the bots follow. A session
   * without an audience (opened from the lobby) gets one.
   */
  async configureBots(
    sessionId: string,
    patch: { count?: number; ratePerMinute?: number },
    actor: FacilitatorActor,
  ): Promise<Ack<BotStatus>> {
    const room = this.deps.rooms.get(sessionId);
    if (!room) return fail(ErrorCode.NOT_FOUND, `sessionId: no running session "${sessionId}"`);
    if (room.record.demo)
      return fail(ErrorCode.INVALID_STATE, 'sessionId: the demo room keeps the audience it was opened with');
    const ack = await this.control.command(room, actor, 'bots.configure', patch);
    if (!ack.ok) return ack;
    await this.following.get(sessionId);
    const target = room.snapshot().audienceTarget;
    return {
      ok: true,
      ...(this.bots.status(sessionId) ?? {
        count: target?.count ?? 0,
        ratePerMinute: target?.ratePerMinute ?? 0,
        running: false,
      }),
    };
  }

  // ── results (results.ts) ───────────────────────────────────────────────

  cohortProgress = (cohortId: string) => this.results.cohort(cohortId);
  traineeProgress = (traineeId: string) => this.results.trainee(traineeId);

  /** Void (with a reason) or un-void an attempt, and/or comment on it (server/workshop/gradebook.ts). */
  noteAttempt(sessionId: string, patch: AttemptNotePatch, actor: FacilitatorActor): void {
    this.results.note(sessionId, patch, actor.name);
  }

  /** A trainee's 1–5 ratings of their session (only a session that ended). */
  rateSession = (sessionId: string, r: SatisfactionInput) => this.results.rate(sessionId, r);

  async close(): Promise<void> {
    this.control.close();
    await this.bots.closeAll();
  }
}
