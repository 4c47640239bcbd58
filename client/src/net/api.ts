/** The server's small REST surface: scenarios, the local demo room, new rooms. Same origin. */
import type { Bilingual } from '../../../core/scenario.js';
import { sessionStore } from '../stores/session-store.js';

export interface ScenarioSummary {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  programmeRef: string;
  segments: number;
}

export type JoinCodes = { trainee: string; facilitator: string; observer: string; bot: string };

export interface DemoRoom {
  sessionId: string;
  scenarioId: string;
  codes: JoinCodes;
}

/** A refused REST call: the server's message, and the HTTP status for callers that branch on it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's `error` code (BAD_LOGIN, RATE_LIMITED, …) when it sent one. */
    readonly code: string | null = null,
    /** Seconds from `Retry-After` (a 429), else null. */
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
  }
}

/** The JSON body of a response, or an ApiError carrying the server's `message`. */
export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    let code: string | null = null;
    try {
      const body = (await res.json()) as { message?: string; error?: string };
      if (body.message) message = body.message;
      if (typeof body.error === 'string') code = body.error;
    } catch {
      // not JSON: keep the status line
    }
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, message, code, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return (await res.json()) as T;
}

export async function fetchScenarios(): Promise<ScenarioSummary[]> {
  return json<ScenarioSummary[]>(await fetch('/api/scenarios'));
}

/** The local demo room, or null when the server runs without one. */
export async function fetchDemo(): Promise<DemoRoom | null> {
  const res = await fetch('/api/demo');
  if (res.status === 404) return null;
  return json<DemoRoom>(res);
}

export async function createSession(scenarioId: string): Promise<{ sessionId: string; codes: JoinCodes }> {
  return json(
    await fetch('/api/sessions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId }),
    }),
  );
}

/*
 * Room codes as credentials for REST (docs/ACCESS.md): a trainee or observer has no account, so
 * their own session's recording, report and retry are opened with the code they joined with
 * (`X-Branchcast-Code`). The codes joined in this tab are kept in sessionStorage (this tab only,
 * gone when it closes), so the report's links into the replay work after a page load too.
 */
const CODES_KEY = 'branchcast.session-codes';
const CODE_HEADER = 'X-Branchcast-Code';

function readCodes(): Array<[sessionId: string, code: string]> {
  try {
    const raw = globalThis.sessionStorage?.getItem(CODES_KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? (list as Array<[string, string]>) : [];
  } catch {
    return [];
  }
}

export function rememberSessionCode(sessionId: string, code: string): void {
  const list = readCodes().filter(([id]) => id !== sessionId);
  list.push([sessionId, code]);
  try {
    globalThis.sessionStorage?.setItem(CODES_KEY, JSON.stringify(list.slice(-20)));
  } catch {
    // storage blocked: the code is simply not remembered
  }
}

/** The code this tab joined `sessionId` with (or, with no id, the latest one), else null. */
export function sessionCode(sessionId?: string): string | null {
  const list = readCodes();
  if (sessionId === undefined) return list.at(-1)?.[1] ?? null;
  return list.find(([id]) => id === sessionId)?.[1] ?? null;
}

/** `init` plus this tab's code for the session, if it has one (a facilitator's cookie goes anyway). */
export function withCode(sessionId: string | undefined, init: RequestInit = {}): RequestInit {
  const code = sessionCode(sessionId);
  if (!code) return init;
  const headers = new Headers(init.headers);
  headers.set(CODE_HEADER, code);
  return { ...init, headers };
}

// Remember every session this tab joins, with the code it joined with.
sessionStore.subscribe((s, prev) => {
  const id = s.state.sessionId;
  if (s.code && id && s.role && (s.code !== prev.code || id !== prev.state.sessionId)) rememberSessionCode(id, s.code);
});
