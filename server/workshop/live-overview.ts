/**
 * GET /api/live: one row per running session, from the room's durable state (segment, audience,
 * pause, incidents, viewers) and the score cache's incremental fold (score, latest finding).
 * Nothing here reads a recording, so polling it every 2 s with ten rooms stays cheap.
 */
import { isLureWarning } from '../../core/rubric/criteria-chat.js';
import { alertsOf } from '../../core/workshop/alerts.js';
import type { BotStatus, EndedSession, LiveSession } from '../../core/workshop/api-types.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { Results } from './results.js';
import { directorOf } from './director-cast.js';
import type { LiveControl } from './live-control.js';
import type { ScoreCache } from './score-cache.js';
import type { AssignmentRecord, Trainee, WorkshopStore } from './workshop-store.js';

/** Most viewers listed per session (director mode picks one; the count says how many more). */
export const MAX_VIEWERS_LISTED = 200;

export interface OverviewDeps {
  scores: ScoreCache;
  control: LiveControl;
  botStatus: (sessionId: string) => BotStatus | undefined;
  assignmentOf: (sessionId: string) => (AssignmentRecord & { trainee: Trainee | undefined }) | undefined;
}

export function liveSession(room: SessionRoom, deps: OverviewDeps): LiveSession {
  const s = room.snapshot();
  const scenario = room.scenario;
  const assignment = deps.assignmentOf(room.id);
  const viewers: LiveSession['viewers'] = [];
  let viewersTotal = 0;
  let traineeName: string | null = null;
  for (const p of Object.values(s.participants)) {
    if (p.role === 'trainee' && (traineeName === null || p.online)) traineeName = p.name;
    if (!p.online || (p.role !== 'bot' && p.role !== 'observer')) continue;
    viewersTotal++;
    if (viewers.length < MAX_VIEWERS_LISTED) viewers.push({ participantId: p.id, name: p.name, role: p.role });
  }
  const scored = deps.scores.scoreOf(room.id);
  const r = scored?.report;
  const last = r && r.findings.length > 0 ? r.findings[r.findings.length - 1]! : null;
  const seg = scenario.segments[s.segmentIndex];
  const now = deps.control.timeOf(room);
  const facts = deps.scores.liveFacts(room.id);
  const chat = s.chat.at(-1);
  return {
    sessionId: room.id,
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    cohortId: assignment?.cohortId ?? null,
    traineeId: assignment?.traineeId ?? null,
    trainee: assignment?.trainee?.name ?? traineeName,
    status: s.status,
    segment: { index: s.segmentIndex, count: scenario.segments.length, title: seg?.title ?? { zh: '', en: '' } },
    createdAt: room.record.createdAt,
    startedAt: s.startedT === null ? null : room.record.createdAt + s.startedT,
    elapsedMs: s.startedT === null ? 0 : Math.max(0, (s.endedT ?? now) - s.startedT),
    audience: s.audience,
    departures: { ...s.departures },
    score: r
      ? {
          total: r.total,
          pass: r.pass,
          passMark: r.passMark,
          band: r.band,
          grade: r.grade,
          findings: r.findings.length,
        }
      : null,
    latestFinding: last
      ? {
          category: last.category,
          name: last.name,
          quote: last.quote,
          t: last.t,
          streamT: last.streamT,
          seq: last.seq,
        }
      : null,
    paused: s.paused,
    ended: s.status === 'ended',
    incidents: scenario.incidents.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      fired: s.firedIncidents.includes(i.id),
      scheduledAtMs: deps.control.scheduledAt(room.id, i.id),
    })),
    viewers,
    viewersTotal,
    bots: deps.botStatus(room.id) ?? null,
    codes: {
      trainee: room.record.codes.trainee,
      observer: room.record.codes.observer,
      facilitator: room.record.codes.facilitator,
    },
    alerts: alertsOf({
      now,
      startedT: s.startedT,
      ended: s.status === 'ended',
      findings: r?.findings ?? [],
      lures: facts?.lures ?? [],
      warnings: (facts?.utterances ?? []).filter((u) => isLureWarning(u.text).warning).map((u) => u.t),
      questions: (facts?.questions ?? []).filter((q) => q.answerSeq === null),
      helpRequestedT: s.helpRequestedT,
    }),
    lastChat: chat
      ? { seq: chat.seq, name: chat.actor.name, text: chat.text, kind: chat.kind, directed: !!chat.directedBy }
      : null,
    audienceTarget: s.audienceTarget,
    director: directorOf(room),
  };
}

/** Midnight today in the server's time zone (the workshop's day). */
export function startOfToday(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The workshop's sessions that ended today, newest first, with their final result and links. */
export function endedToday(deps: {
  store: WorkshopStore;
  rooms: RoomRegistry;
  results: Results;
  now: number;
  cohortId?: string;
}): EndedSession[] {
  const since = startOfToday(deps.now);
  const out: EndedSession[] = [];
  for (const a of deps.store.listAssignments(deps.cohortId ? { cohortId: deps.cohortId } : {})) {
    const room = deps.rooms.get(a.sessionId);
    if (room && room.status !== 'ended') continue;
    const at = deps.results.attempt(a);
    if (!at || !at.ended || (at.endedAt ?? a.startedAt) < since) continue;
    const id = encodeURIComponent(a.sessionId);
    out.push({
      sessionId: a.sessionId,
      scenarioId: a.scenarioId,
      scenarioTitle: at.scenarioTitle,
      cohortId: a.cohortId,
      traineeId: a.traineeId,
      trainee: deps.store.getTrainee(a.traineeId)?.name ?? '',
      streamStartedAt: at.streamStartedAt,
      endedAt: at.endedAt,
      durationMs: at.durationMs,
      started: at.started,
      score: at.started
        ? {
            total: at.total,
            pass: at.pass,
            passMark: at.passMark,
            band: at.band,
            findings: Object.values(at.findings).reduce((x, y) => x + y, 0),
            critical: at.criticalFindings,
          }
        : null,
      voided: at.voided,
      links: { replay: `/replay/${id}`, report: `/api/sessions/${id}/report.html` },
    });
  }
  return out.sort((x, y) => (y.endedAt ?? 0) - (x.endedAt ?? 0));
}
