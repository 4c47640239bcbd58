/** The server's small REST surface: scenarios, the local demo room, new rooms. Same origin. */
import type { Bilingual } from '../../../core/scenario.js';

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
