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

/**
 * Every `error` code the server can answer with: the Socket.IO ack codes (core/protocol.ts
 * ErrorCode) and the REST-only ones (auth, workshop, recordings). Each has a sentence in
 * common.json under `errors.codes.<CODE>` in both languages (test/unit/error-text.test.ts checks
 * this list against the server's sources and the message files).
 */
export const SERVER_ERROR_CODES = [
  // core/protocol.ts ErrorCode
  'BAD_PAYLOAD',
  'UNKNOWN_COMMAND',
  'FORBIDDEN',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'BAD_CODE',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'TOO_LARGE',
  'INVALID_STATE',
  'VERSION_MISMATCH',
  'NOT_FOUND',
  'STORE_FAILED',
  'INTERNAL',
  // REST only
  'BAD_LOGIN',
  'BAD_TOKEN',
  'SETUP_DONE',
  'DUPLICATE',
  'METHOD_NOT_ALLOWED',
  'BAD_RECORDING',
  'BAD_ORIGIN',
  'UNSUPPORTED_MEDIA_TYPE',
  'LIMIT_REACHED',
  // The offline host voice (server/voice/host-voice.ts) when espeak-ng cannot run.
  'UNAVAILABLE',
  // Branching a recording (server/rooms/room-registry.ts); the routes send these as BAD_PAYLOAD
  // today, but they are the registry's own refusals and may reach a client one day.
  'BAD_SEQ',
  'ENDED',
  // Speech recognition relayed to FunASR (server/voice/asr-relay.ts) and the voice recording.
  'NOT_LIVE',
  'OVERLOADED',
  'TOO_LONG',
  'ASR_UNREACHABLE',
  // Several nodes: a forwarded command reached a node that no longer owns the room.
  'NOT_OWNER',
] as const;

const KNOWN_CODES: ReadonlySet<string> = new Set(SERVER_ERROR_CODES);

/** The part of i18next's `t` these helpers use (any namespace's `t` works: keys are qualified). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A refusal for people: a sentence in the interface language chosen by the code, then the
 * server's own detail (English, but it names the field or thing that was wrong), e.g.
 * "请求内容不符合要求：names.0: must not be empty". An unknown code still shows itself and the detail.
 */
export function errorMessage(t: Translate, code: string | null, detail: string): string {
  const text = detail.trim();
  if (code === null) return text || t('common:errors.unknown');
  const sentence = KNOWN_CODES.has(code) ? t(`common:errors.codes.${code}`) : t('common:errors.unknownCode', { code });
  return text ? t('common:errors.withDetail', { sentence, detail: text }) : sentence;
}

/** What to show for anything a REST call threw: localised by code when the server sent one. */
export function describeError(t: Translate, err: unknown): string {
  if (err instanceof ApiError) return errorMessage(t, err.code, err.message);
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  if (err instanceof TypeError)
    return t('common:errors.withDetail', { sentence: t('common:errors.network'), detail: err.message });
  return err instanceof Error ? err.message : String(err);
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

/** Every session this tab joined and the code it joined with, oldest first (a trainee's own). */
export function rememberedCodes(): Array<[sessionId: string, code: string]> {
  return readCodes();
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

/*
 * A trainee's link into their own replay or report that opens in a new tab (issue 17 pt 6): the
 * new tab has no sessionStorage of its own, so the link carries the code in its fragment
 * (`#code=…`: never sent to the server, never in its logs). On load it is remembered for the
 * session the path names (/replay/ID, /api/sessions/ID/…) and taken out of the address bar.
 */
export function linkWithCode(path: string, sessionId: string): string {
  const code = sessionCode(sessionId);
  return code ? `${path}#code=${encodeURIComponent(code)}` : path;
}

function adoptCodeFromFragment(): void {
  if (typeof location === 'undefined' || !location.hash.includes('code=')) return;
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  const id = /^\/(?:replay|api\/sessions)\/([^/?#]+)/.exec(location.pathname)?.[1];
  if (!code || !id) return;
  rememberSessionCode(decodeURIComponent(id), code.trim().toUpperCase());
  history.replaceState(history.state, '', location.pathname + location.search);
}
adoptCodeFromFragment();
