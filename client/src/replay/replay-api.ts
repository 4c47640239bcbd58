/** REST calls of the replay pages (server/recordings/recording-routes.ts, server/reports/report-routes.ts). Same origin. */
import type { Annotation, AnnotationSeverity } from '../../../core/annotation.js';
import type { SessionEvent } from '../../../core/events.js';
import type { Report } from '../../../core/rubric/report-model.js';
import { ApiError, json, rememberedCodes, withCode } from '../net/api.js';

export interface SessionSummary {
  sessionId: string;
  scenarioId: string;
  createdAt: number;
  status: 'live' | 'ended';
  demo: boolean;
  events: number;
  parent: { sessionId: string; atSeq: number } | null;
}

export type { Annotation } from '../../../core/annotation.js';
export type Severity = AnnotationSeverity;

export interface AnnotationInput {
  seq: number;
  toSeq?: number | null;
  text: string;
  category?: string | null;
  severity?: Severity | null;
  author?: string;
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  brokenSeq: number | null;
  message: string;
}

export type Codes = Record<'trainee' | 'facilitator' | 'observer' | 'bot', string>;

export { ApiError };

const enc = encodeURIComponent;

export async function listSessions(filter: { scenario?: string; status?: string; since?: number }) {
  const q = new URLSearchParams();
  if (filter.scenario) q.set('scenario', filter.scenario);
  if (filter.status) q.set('status', filter.status);
  if (filter.since) q.set('since', String(filter.since));
  const codes = rememberedCodes();
  if (codes.length <= 1)
    return json<SessionSummary[]>(await fetch(`/api/sessions?${q.toString()}`, withCode(undefined)));
  // A trainee has no account: each code this tab joined with opens its own session (a practice
  // session, the demo, a workshop attempt), so "my replays" is the union, newest first. A
  // facilitator's cookie sees everything through any of them.
  const lists = await Promise.allSettled(
    codes.map(async ([, code]) =>
      json<SessionSummary[]>(await fetch(`/api/sessions?${q.toString()}`, { headers: { 'X-Branchcast-Code': code } })),
    ),
  );
  const ok = lists.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (ok.length === 0) throw (lists[0] as PromiseRejectedResult).reason;
  const byId = new Map<string, SessionSummary>();
  for (const list of ok) for (const s of list) byId.set(s.sessionId, s);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/** Every event of a session, page by page (the server sends at most 20,000 at a time). */
/** Events per page the player asks for (bench/replay.ts measured its parse under 50 ms). */
export const EVENTS_PAGE = 2000;

export async function loadEvents(
  sessionId: string,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<SessionEvent[]> {
  const out: SessionEvent[] = [];
  for (let from = 1; ;) {
    // Pages of EVENTS_PAGE: parsing one stays a short task (a 20,000-event page held the tab).
    const page = await json<{ events: SessionEvent[]; lastSeq: number; more: boolean }>(
      await fetch(
        `/api/sessions/${enc(sessionId)}/events?from=${from}&limit=${EVENTS_PAGE}`,
        withCode(sessionId, { signal }),
      ),
    );
    for (const e of page.events) out.push(e);
    onProgress(out.length, page.lastSeq);
    if (!page.more || page.events.length === 0) return out;
    from = page.events[page.events.length - 1]!.seq + 1;
  }
}

/** The scoring report, or null when there is none (no rubric, or a server without scoring). */
export async function fetchReport(sessionId: string): Promise<Report | null> {
  try {
    const res = await fetch(`/api/sessions/${enc(sessionId)}/report`, withCode(sessionId));
    if (!res.ok) return null;
    const r = (await res.json()) as Report;
    return Array.isArray(r.findings) ? r : null;
  } catch {
    return null;
  }
}

export async function fetchVerify(sessionId: string): Promise<VerifyResult> {
  return json<VerifyResult>(await fetch(`/api/sessions/${enc(sessionId)}/verify`, withCode(sessionId)));
}

export async function listAnnotations(sessionId: string): Promise<Annotation[]> {
  return json<Annotation[]>(await fetch(`/api/sessions/${enc(sessionId)}/annotations`, withCode(sessionId)));
}

function write(method: string, code: string, body?: unknown): RequestInit {
  return {
    method,
    // An empty code: a signed-in facilitator, whose cookie goes with the request anyway.
    headers: code
      ? { 'content-type': 'application/json', 'X-Branchcast-Code': code }
      : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

export async function addAnnotation(sessionId: string, code: string, a: AnnotationInput): Promise<Annotation> {
  return json<Annotation>(await fetch(`/api/sessions/${enc(sessionId)}/annotations`, write('POST', code, a)));
}

export async function updateAnnotation(
  sessionId: string,
  code: string,
  id: string,
  a: AnnotationInput,
): Promise<Annotation> {
  return json<Annotation>(await fetch(`/api/sessions/${enc(sessionId)}/annotations/${enc(id)}`, write('PUT', code, a)));
}

export async function deleteAnnotation(sessionId: string, code: string, id: string): Promise<void> {
  await json(await fetch(`/api/sessions/${enc(sessionId)}/annotations/${enc(id)}`, write('DELETE', code)));
}

export async function branchSession(
  sessionId: string,
  seq: number,
): Promise<{ sessionId: string; atSeq: number; codes: Codes }> {
  return json(
    await fetch(
      `/api/sessions/${enc(sessionId)}/branch`,
      withCode(sessionId, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seq }),
      }),
    ),
  );
}

export async function uploadRecording(file: Blob): Promise<{ sessionId: string; events: number; codes: Codes }> {
  // Not a type a page of another origin could send without asking (docs/ACCESS.md).
  return json(
    await fetch('/api/recordings', {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
}
