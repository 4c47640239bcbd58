/**
 * The workshop REST API the console uses (docs/WORKSHOP.md): the live overview, per-session
 * controls, cohorts, trainees, sessions and progress. Every call sends the facilitator's cookie;
 * a refusal is an ApiError with the server's code and message.
 */
import type {
  Cohort,
  CohortDetail,
  CohortListItem,
  CohortProgress,
  AttemptNotePatch,
  BotStatus,
  ExistingSession,
  LiveOverview,
  OnExisting,
  StartedSessions,
  Trainee,
} from '../../../core/workshop/api-types.js';
import { json } from '../net/api.js';

// The response shapes are declared once, in core, for the server and the console alike.
export type * from '../../../core/workshop/api-types.js';

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
  get<LiveOverview>(`/api/live${cohortId ? `?cohortId=${enc(cohortId)}` : ''}`);

export const fireIncident = (sessionId: string, incidentId: string, atMs?: number) =>
  send<{ ok: true; seq?: number; scheduledAtMs?: number }>('POST', `/api/live/${enc(sessionId)}/incident`, {
    incidentId,
    ...(atMs === undefined ? {} : { atMs }),
  });
export const setPaused = (sessionId: string, paused: boolean) =>
  send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/pause`, { paused });
export const endSession = (sessionId: string) => send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/end`, {});
export const sayAs = (
  sessionId: string,
  who: { viewerId: string } | { castId: string },
  text: string,
  kind: 'chat' | 'question',
) => send<{ ok: true; seq?: number }>('POST', `/api/live/${enc(sessionId)}/say`, { ...who, text, kind });
/** What a bulk action did: the rooms it reached and those that refused it. */
export interface BulkResult {
  done: string[];
  refused: Array<{ sessionId: string; code: string; message: string }>;
}
const allPath = (what: string, cohortId?: string) =>
  `/api/live/all/${what}${cohortId ? `?cohortId=${enc(cohortId)}` : ''}`;
export const noticeAll = (text: string, cohortId?: string) =>
  send<BulkResult>('POST', allPath('notice', cohortId), { text });
export const pauseAll = (paused: boolean, cohortId?: string) =>
  send<BulkResult>('POST', allPath('pause', cohortId), { paused });
export const endAll = (cohortId?: string) => send<BulkResult>('POST', allPath('end', cohortId), {});
export const sendNotice = (sessionId: string, text: string) =>
  send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/notice`, { text });
/** Mark a trainee's help request handled. */
export const helpHandled = (sessionId: string) =>
  send<{ ok: true }>('POST', `/api/live/${enc(sessionId)}/help`, { on: false });
export const setBots = (sessionId: string, bots: { count?: number; ratePerMinute?: number }) =>
  send<BotStatus>('POST', `/api/live/${enc(sessionId)}/bots`, bots);

export const listCohorts = () => get<CohortListItem[]>('/api/cohorts');
export const createCohort = (name: string) => send<Cohort>('POST', '/api/cohorts', { name });
export const fetchCohort = (id: string) => get<CohortDetail>(`/api/cohorts/${enc(id)}`);
export const addTrainees = (id: string, names: string[]) =>
  send<{ trainees: Trainee[] }>('POST', `/api/cohorts/${enc(id)}/trainees`, { names });
export const removeTrainee = (id: string, traineeId: string) =>
  send<void>('DELETE', `/api/cohorts/${enc(id)}/trainees/${enc(traineeId)}`);

/**
 * Start sessions; when some trainees already have a live or unstarted one the server starts
 * nothing and lists them (409 with `existing`): answered here as `{ conflict }` so the console
 * can ask. `onExisting` is the facilitator's answer.
 */
export async function startSessions(
  id: string,
  body: {
    scenarioId: string;
    traineeIds?: string[];
    bots?: { count?: number; ratePerMinute?: number; rampSec?: number };
    onExisting?: OnExisting;
  },
): Promise<StartedSessions | { conflict: ExistingSession[] }> {
  const res = await fetch(`/api/cohorts/${enc(id)}/sessions`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === 409) {
    const b = (await res
      .clone()
      .json()
      .catch(() => null)) as { existing?: ExistingSession[] } | null;
    if (b?.existing) return { conflict: b.existing };
  }
  return json<StartedSessions>(res);
}

/** Void (with a reason) or restore an attempt, and/or comment on it. */
export const noteAttempt = (sessionId: string, note: AttemptNotePatch) =>
  send<{ ok: true }>('POST', `/api/attempts/${enc(sessionId)}/note`, note);
export const fetchProgress = (id: string) => get<CohortProgress>(`/api/cohorts/${enc(id)}/progress`);
export const resultsCsvUrl = (id: string) => `/api/cohorts/${enc(id)}/results.csv`;

export interface Facilitator {
  id: string;
  username: string;
  createdAt: number;
  disabled: boolean;
}
export const setFacilitatorDisabled = (id: string, disabled: boolean) =>
  send<{ ok: true }>('POST', `/api/facilitators/${enc(id)}/disabled`, { disabled });
export const removeFacilitator = (id: string) => send<{ ok: true }>('DELETE', `/api/facilitators/${enc(id)}`);
export const makeResetLink = (id: string) =>
  send<{ token: string; expiresAt: number }>('POST', `/api/facilitators/${enc(id)}/reset-link`, {});
export const changeOwnPassword = (current: string, password: string) =>
  send<{ ok: true }>('POST', '/api/auth/password', { current, password });
export const resetPassword = (token: string, password: string) =>
  send<{ role: 'facilitator'; id: string; username: string }>('POST', '/api/auth/reset', { token, password });
export const listFacilitators = () => get<Facilitator[]>('/api/facilitators');
export const addFacilitator = (username: string, password: string) =>
  send<{ id: string; username: string }>('POST', '/api/facilitators', { username, password });
