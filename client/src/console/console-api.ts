/**
 * The workshop REST API the console uses (docs/WORKSHOP.md): the live overview, per-session
 * controls, cohorts, trainees, sessions and progress. Every call sends the facilitator's cookie;
 * a refusal is an ApiError with the server's code and message.
 */
import type { Bilingual } from '../../../core/scenario.js';
import { json } from '../net/api.js';

export type Bi = Bilingual;

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
  score: { total: number; pass: boolean; passMark: number; band: Bi; grade: number; findings: number };
  latestFinding: { category: string; name: Bi; quote: string; t: number; seq: number } | null;
  paused: boolean;
  ended: boolean;
  incidents: Array<{ id: string; kind: string; title: Bi; fired: boolean; scheduledAtMs: number | null }>;
  viewers: Array<{ participantId: string; name: string; role: 'bot' | 'observer' }>;
  viewersTotal: number;
  bots: { count: number; ratePerMinute: number; running: boolean } | null;
  codes: { trainee: string; observer: string; facilitator: string };
}

export interface Cohort {
  id: string;
  name: string;
  createdAt: number;
}
export type CohortSummary = Cohort & { trainees: number; sessions: number; liveSessions: number };
export interface Trainee {
  id: string;
  cohortId: string;
  name: string;
  createdAt: number;
}
export interface Assignment {
  sessionId: string;
  cohortId: string;
  traineeId: string;
  traineeName: string;
  scenarioId: string;
  startedAt: number;
  status: 'live' | 'ended';
  joinCode: string;
  joinLink: string;
  observerCode: string;
  facilitatorCode: string;
}
export type CohortDetail = Cohort & { trainees: Trainee[]; assignments: Assignment[] };

export interface Attempt {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: Bi;
  startedAt: number;
  endedAt: number | null;
  ended: boolean;
  total: number;
  pass: boolean;
  passMark: number;
  band: Bi;
  findings: Record<string, number>;
  criticalFindings: number;
  questions: number;
  answered: number;
  responseLatencyMs: number | null;
}
export interface TraineeProgress {
  traineeId: string;
  name: string;
  cohortId: string;
  attempts: Attempt[];
  summary: {
    attempts: number;
    endedAttempts: number;
    passedAttempts: number;
    passed: boolean;
    best: number | null;
    latest: number | null;
    findings: Record<string, number>;
    avgResponseLatencyMs: number | null;
  };
}
export interface CohortProgress {
  cohortId: string;
  name: string;
  target: number;
  trainees: TraineeProgress[];
  summary: {
    trainees: number;
    assessed: number;
    passedTrainees: number;
    practicalPassRate: number | null;
    targetMet: boolean;
    attempts: number;
    endedAttempts: number;
    passedAttempts: number;
    attemptPassRate: number | null;
    topFindings: Array<{ category: string; count: number }>;
    avgResponseLatencyMs: number | null;
  };
}
export interface StartedSessions {
  cohortId: string;
  scenarioId: string;
  sessions: Array<{
    traineeId: string;
    name: string;
    sessionId: string;
    joinCode: string;
    joinLink: string;
    observerCode: string;
    facilitatorCode: string;
  }>;
}

const enc = encodeURIComponent;

async function get<T>(path: string): Promise<T> {
  return json<T>(await fetch(path, { credentials: 'same-origin' }));
}

async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  return json<T>(res);
}

export const fetchLive = (cohortId?: string) =>
  get<{ now: number; sessions: LiveSession[] }>(`/api/live${cohortId ? `?cohortId=${enc(cohortId)}` : ''}`);

export const fireIncident = (sessionId: string, incidentId: string, atMs?: number) =>
  send<{ ok: true; seq?: number; scheduledAtMs?: number }>('POST', `/api/live/${enc(sessionId)}/incident`, {
    incidentId,
    ...(atMs === undefined ? {} : { atMs }),
  });
export const setPaused = (sessionId: string, paused: boolean) =>
  send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/pause`, { paused });
export const endSession = (sessionId: string) => send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/end`, {});
export const sayAs = (sessionId: string, viewerId: string, text: string, kind: 'chat' | 'question') =>
  send<{ ok: true; seq?: number }>('POST', `/api/live/${enc(sessionId)}/say`, { viewerId, text, kind });
export const setBots = (sessionId: string, bots: { count?: number; ratePerMinute?: number }) =>
  send<{ count: number; ratePerMinute: number; running: boolean }>('POST', `/api/live/${enc(sessionId)}/bots`, bots);

export const listCohorts = () => get<CohortSummary[]>('/api/cohorts');
export const createCohort = (name: string) => send<Cohort>('POST', '/api/cohorts', { name });
export const fetchCohort = (id: string) => get<CohortDetail>(`/api/cohorts/${enc(id)}`);
export const addTrainees = (id: string, names: string[]) =>
  send<{ trainees: Trainee[] }>('POST', `/api/cohorts/${enc(id)}/trainees`, { names });
export const removeTrainee = (id: string, traineeId: string) =>
  send<void>('DELETE', `/api/cohorts/${enc(id)}/trainees/${enc(traineeId)}`);
export const startSessions = (
  id: string,
  body: {
    scenarioId: string;
    traineeIds?: string[];
    bots?: { count?: number; ratePerMinute?: number; rampSec?: number };
  },
) => send<StartedSessions>('POST', `/api/cohorts/${enc(id)}/sessions`, body);
export const fetchProgress = (id: string) => get<CohortProgress>(`/api/cohorts/${enc(id)}/progress`);
export const resultsCsvUrl = (id: string) => `/api/cohorts/${enc(id)}/results.csv`;

/** The link a trainee opens: this server's origin + /join/CODE. */
export const joinUrl = (code: string) => `${location.origin}/join/${enc(code)}`;

export interface Facilitator {
  id: string;
  username: string;
  createdAt: number;
}
export const listFacilitators = () => get<Facilitator[]>('/api/facilitators');
export const addFacilitator = (username: string, password: string) =>
  send<{ id: string; username: string }>('POST', '/api/facilitators', { username, password });
