/**
 * Wire shapes of the workshop REST API (docs/WORKSHOP.md): what /api/live and /api/cohorts/* answer.
 * One declaration for both ends: the server builds these objects, the console reads them. Types
 * only — every importer uses `import type`, so nothing here (and no zod) reaches the client bundle.
 * The progress shapes live with the pure aggregation that builds them (progress.ts) and are
 * re-exported here so the console has one place to import from.
 */
import type { Bi } from '../rubric/report-model.js';
import type { LiveAlert } from './alerts.js';

export type { AlertKind, LiveAlert } from './alerts.js';

export type {
  Attempt,
  CohortProgress,
  CohortSummary as CohortProgressSummary,
  TraineeProgress,
  TraineeSummary,
} from './progress.js';
export type { AttemptNotePatch, ExistingSession, OnExisting, SatisfactionInput } from './gradebook-types.js';

/** A cohort as stored and as answered (POST /api/cohorts). */
export interface Cohort {
  id: string;
  name: string;
  createdAt: number;
}

export interface Trainee {
  id: string;
  cohortId: string;
  name: string;
  createdAt: number;
}

/** Which session a trainee rehearsed in (stored; the API adds names and codes, see Assignment). */
export interface AssignmentRecord {
  sessionId: string;
  cohortId: string;
  traineeId: string;
  scenarioId: string;
  /** Wall-clock ms when the facilitator started the session. */
  startedAt: number;
}

/**
 * A facilitator's verdict on one attempt (issue 12 pt 8): a voided attempt is kept and shown, but
 * left out of every statistic; the comment is shown beside it. Null fields: not set.
 */
export interface AttemptNote {
  voided: boolean;
  voidReason: string | null;
  comment: string | null;
  /** Facilitator who last changed it, and when (wall-clock ms). */
  by: string;
  at: number;
}

/** A trainee's satisfaction rating of one session (programme seed/ 6.1: average ≥ 4.5). */
export interface SatisfactionRating {
  /** 内容实用性, 讲师专业性, 工具实操性: whole numbers 1–5. */
  content: number;
  instructor: number;
  tool: number;
  comment: string | null;
  at: number;
}

export interface Assignment extends AssignmentRecord {
  traineeName: string;
  status: 'live' | 'ended';
  joinCode: string;
  joinLink: string;
  observerCode: string;
  facilitatorCode: string;
}

/** GET /api/cohorts: one row per cohort, newest first. */
export type CohortListItem = Cohort & { trainees: number; sessions: number; liveSessions: number };

/** GET /api/cohorts/:id */
export type CohortDetail = Cohort & { trainees: Trainee[]; assignments: Assignment[] };

export interface StartedSession {
  traineeId: string;
  name: string;
  sessionId: string;
  joinCode: string;
  joinLink: string;
  observerCode: string;
  facilitatorCode: string;
}

/** POST /api/cohorts/:id/sessions */
export interface StartedSessions {
  cohortId: string;
  scenarioId: string;
  sessions: StartedSession[];
}

/** A session's managed bots (POST /api/live/:id/bots answers this too). */
export interface BotStatus {
  count: number;
  ratePerMinute: number;
  running: boolean;
}

/** One row of GET /api/live. */
export interface LiveSession {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: Bi;
  cohortId: string | null;
  traineeId: string | null;
  trainee: string | null;
  status: 'created' | 'live' | 'ended';
  segment: { index: number; count: number; title: Bi };
  createdAt: number;
  startedAt: number | null;
  elapsedMs: number;
  audience: number;
  /** null: the scenario's rubric is not loaded (or nothing recorded yet). */
  score: { total: number; pass: boolean; passMark: number; band: Bi; grade: number; findings: number } | null;
  /** `t` is recording time; `streamT` the stream clock (null before the start) that the console shows. */
  /** Viewers who left, by the reason they gave (ignored, bored, curve, offended). */
  departures: Record<string, number>;
  latestFinding: {
    category: string;
    name: Bi;
    quote: string;
    t: number;
    streamT: number | null;
    seq: number;
  } | null;
  paused: boolean;
  ended: boolean;
  incidents: Array<{ id: string; kind: string; title: Bi; fired: boolean; scheduledAtMs: number | null }>;
  viewers: Array<{ participantId: string; name: string; role: 'bot' | 'observer' }>;
  viewersTotal: number;
  bots: BotStatus | null;
  codes: { trainee: string; observer: string; facilitator: string };
  /** What needs the facilitator now (core/workshop/alerts.ts), newest first. */
  alerts: LiveAlert[];
  /** The room's latest chat line (the wall's live line), null before any. */
  lastChat: { seq: number; name: string; text: string; kind: string; directed: boolean } | null;
  /** Director mode's cast and ready-made lines (server/workshop/director-cast.ts); null: none. */
  director: {
    cast: Array<{
      id: string;
      name: string;
      persona: Bi;
      risk: string;
      participantId: string;
      online: boolean;
    }>;
    lines: Array<{ kind: string; zh: string; en: string | null; question: boolean; by: string | null }>;
  } | null;
  /** The audience the facilitator configured (null: the scenario's, not changed). */
  audienceTarget: { count: number; ratePerMinute: number } | null;
}

/**
 * A session of today that has ended (issue 17 pt 5): its final result and where to read it. The
 * overview keeps these in their own section; the console's panel for one links to its report.
 */
export interface EndedSession {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: Bi;
  cohortId: string;
  traineeId: string;
  trainee: string;
  /** Wall-clock ms of 开始直播 (null: never started) and of the end. */
  streamStartedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  started: boolean;
  /** null when it never started (未开始: no score, not a 0). */
  score: { total: number; pass: boolean; passMark: number; band: Bi; findings: number; critical: number } | null;
  voided: boolean;
  /** App paths: the replay page, and the printable HTML report (add ?lang=). */
  links: { replay: string; report: string };
}

/** GET /api/live */
export interface LiveOverview {
  now: number;
  /** Running and waiting (not yet started) sessions; the demo room is not among them. */
  sessions: LiveSession[];
  /** Sessions of the workshop that ended today (server's time zone), newest first. */
  ended: EndedSession[];
}
