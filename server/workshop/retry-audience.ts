/**
 * A retry's audience continues the original room (issue 12 pt 7, docs/RUBRICS.md RY1): the viewers
 * online at the branch point come back as themselves — same names, personas, risk classes, mood,
 * open questions and complaints, folded from the recording up to that point by
 * core/audience/restore.ts — arriving at once, so they chat within seconds of the retried stream
 * time. Those not yet arrived then still come on the original's plan; those who had left stay gone.
 * Recorded as `audience.configured` (the original audience's size and rate) so a restart and the
 * console see the audience the retry has.
 */
import { onlineBotsAt } from '../../core/audience/restore.js';
import type { SessionEvent } from '../../core/events.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { FacilitatorActor, LiveControl } from './live-control.js';
import type { SessionBots } from './session-bots.js';
import { seatCast } from './director-cast.js';

export interface RetryAudienceDeps {
  bots: SessionBots;
  control: LiveControl;
  log: (msg: string) => void;
}

export interface RetryAudienceOf {
  parentSessionId: string;
  /** Bots online at the branch point. */
  viewers: number;
  /** The recording up to the branch point (the parent's events 1..atSeq). */
  events: readonly SessionEvent[];
  /** The chat rate the original audience had (its last `audience.configured`), if recorded. */
  ratePerMinute: number | null;
  /** Its size, if recorded. */
  count: number | null;
}

const ACTOR: FacilitatorActor = { id: 'system-retry', role: 'facilitator', name: 'retry' };

/**
 * The original audience's planned size: the parent's own bots when this server runs them (a retry
 * of a retry carries it on), else what its recording last asked for, else the scenario's — never
 * fewer than the viewers the recording shows (core/audience/restore.ts types the rest as waves).
 */
function plannedSize(deps: RetryAudienceDeps, room: SessionRoom, of: RetryAudienceOf): number {
  return deps.bots.status(of.parentSessionId)?.count ?? of.count ?? room.scenario.bots.count;
}

export async function continueRetryAudience(
  deps: RetryAudienceDeps,
  room: SessionRoom,
  of: RetryAudienceOf,
): Promise<void> {
  // Director mode's cast was seated in the original from the start: seated again at once, so the
  // facilitator finds the same people to speak as in the retry.
  await seatCast(room).catch((err: unknown) => deps.log(`session ${room.id}: cast not seated: ${String(err)}`));
  const online = onlineBotsAt(of.events).length;
  // Nobody watching at the branch point (a retry from before the audience came): the original's
  // audience, if it had one, still continues — its plan brings the viewers in as it did.
  const planned = online === 0 && of.viewers === 0 && (deps.bots.has(of.parentSessionId) || of.count !== null);
  const ours = online > 0 || planned;
  const ratePerMinute =
    of.ratePerMinute ?? deps.bots.status(of.parentSessionId)?.ratePerMinute ?? room.scenario.bots.ratePerMinute;
  // Viewers of the original plan not yet there at the branch point arrive at once (rampSec 0).
  const settings = ours
    ? { count: plannedSize(deps, room, of), ratePerMinute, rampSec: 0, continueFrom: { events: of.events } }
    : // Bots online then that are not this server's viewers (another client's names): as many
      // simulated viewers take their places — a new audience, since there is nobody to continue.
      { count: of.viewers, ratePerMinute, rampSec: 0 };
  if (settings.count <= 0) return;
  await deps.bots.start(room.id, room.record.codes.bot, room.record.seed, settings).catch(() => undefined);
  const ack = await deps.control.command(room, ACTOR, 'bots.configure', {
    count: settings.count,
    ratePerMinute: settings.ratePerMinute,
  });
  if (!ack.ok) deps.log(`session ${room.id}: retry audience not recorded: ${ack.message}`);
}
