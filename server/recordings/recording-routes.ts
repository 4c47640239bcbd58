/**
 * REST routes for replay and critique: the sessions list, a session's events (for the player),
 * its recording file, import of a recording (import-route.ts), a retry (branch-route.ts) and
 * facilitators' annotations. Who may do what is
 * docs/ACCESS.md: reading needs a facilitator login or one of the session's people's codes;
 * annotation writes the facilitator (login or code); a branch the trainee or a facilitator;
 * import and the full list a facilitator.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { canAnnotate, canBranch, canReadSession, requireFacilitator } from '../auth/guard.js';
import type { RouteContext } from '../auth/route-context.js';
import { contentDisposition } from '../edge/content-disposition.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { RecordingStore } from '../store/recording-store.js';
import { branchRoute, type BranchAudience } from './branch-route.js';
import { importRoute } from './import-route.js';
import { recordingText, type Annotation } from './recording-file.js';
import type { SignatureStore } from './signature-store.js';
import type { Signer } from './signing.js';
import { MAX_EVENTS_PAGE, summary, verifyStored } from './stored-sessions.js';

export interface RecordingRouteDeps {
  store: RecordingStore;
  now: () => number;
  /** Opens branches (`POST /api/sessions/:id/branch`); absent: that route answers 404. */
  rooms?: Pick<RoomRegistry, 'createBranch'>;
  /** Signs exported recordings; absent: exports are unsigned (and /api/signing-key answers 404). */
  signer?: Signer;
  /** Signatures kept from imports. */
  signatures?: SignatureStore;
  /**
   * A retry gets its audience back (issue 12 pt 7): called with the branched room and the viewers
   * that were online at the branch point, once the branch exists.
   */
  onBranch?: (room: SessionRoom, audience: BranchAudience) => Promise<void>;
}

const AnnotationBody = z.strictObject({
  seq: z.number().int().positive(),
  toSeq: z.number().int().positive().nullable().default(null),
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters'),
  category: z.string().max(64).nullable().default(null),
  severity: z.enum(['info', 'minor', 'major', 'critical']).nullable().default(null),
  author: z.string().trim().min(1).max(32).default('facilitator'),
});

/** Answers the route and returns true, or false for a path it does not own. */
export async function handleRecordingRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: RecordingRouteDeps,
  ctx: RouteContext,
): Promise<boolean> {
  const path = url.pathname;
  const { store } = deps;
  const { send, headers, principal } = ctx;
  const refuse = (d: ReturnType<typeof requireFacilitator>): boolean => {
    if (d) ctx.deny(res, d);
    return d !== null;
  };

  if (req.method === 'GET' && path === '/api/sessions') {
    // A facilitator sees every session; a code holder only the one its code opens.
    if (principal.kind === 'anonymous') return refuse(requireFacilitator(principal));
    if (principal.kind === 'code' && principal.role === 'bot')
      return refuse(canReadSession(principal, principal.sessionId));
    const only = principal.kind === 'code' ? principal.sessionId : null;
    const scenario = url.searchParams.get('scenario');
    const status = url.searchParams.get('status');
    const since = Number(url.searchParams.get('since') ?? 0);
    if (!Number.isFinite(since)) {
      send(res, 400, { error: 'BAD_PAYLOAD', message: 'since: expected a time in ms since the epoch' });
      return true;
    }
    if (status !== null && status !== 'live' && status !== 'ended') {
      send(res, 400, { error: 'BAD_PAYLOAD', message: 'status: expected live or ended' });
      return true;
    }
    const list = store
      .listSessions(status === 'live' || status === 'ended' ? { status } : undefined)
      .filter(
        (r) => (!only || r.sessionId === only) && (!scenario || r.scenarioId === scenario) && r.createdAt >= since,
      )
      .reverse()
      .map((r) => summary(store, r));
    send(res, 200, list);
    return true;
  }

  if (req.method === 'GET' && path === '/api/signing-key') {
    if (!deps.signer) return false;
    send(res, 200, {
      alg: 'ed25519',
      fingerprint: deps.signer.fingerprint,
      publicKeyPem: deps.signer.publicKeyPem,
      publicKey: deps.signer.publicKeyDer,
    });
    return true;
  }

  if (req.method === 'POST' && path === '/api/recordings') {
    if (refuse(requireFacilitator(principal))) return true;
    await importRoute(req, res, deps, send);
    return true;
  }

  const m = /^\/api\/sessions\/([^/]+)\/(events|recording|annotations|verify|branch)(?:\/([^/]+))?$/.exec(path);
  if (!m) return false;
  const sessionId = decodeURIComponent(m[1]!);
  const what = m[2]!;
  // Refused before looked up: a stranger learns nothing, not even whether the id exists.
  const writesNotes = what === 'annotations' && req.method !== 'GET';
  if (
    refuse(
      what === 'branch'
        ? canBranch(principal, sessionId)
        : writesNotes
          ? canAnnotate(principal, sessionId)
          : canReadSession(principal, sessionId),
    )
  )
    return true;
  const rec = store.getSession(sessionId);
  if (!rec) {
    send(res, 404, { error: 'NOT_FOUND', message: `session "${sessionId}" does not exist` });
    return true;
  }

  if (what === 'events' && req.method === 'GET') {
    const from = Math.max(1, Number(url.searchParams.get('from') ?? 1) || 1);
    const limit = Math.min(MAX_EVENTS_PAGE, Math.max(1, Number(url.searchParams.get('limit') ?? MAX_EVENTS_PAGE) || 1));
    const events = store.readEvents(sessionId, from, limit);
    const last = store.lastSeq(sessionId);
    send(res, 200, { events, lastSeq: last, more: (events.at(-1)?.seq ?? last) < last });
    return true;
  }

  if (what === 'verify' && req.method === 'GET' && !m[3]) {
    const kept = deps.signatures?.get(sessionId) ?? null;
    send(res, 200, { ...verifyStored(store, sessionId), importedSignedBy: kept?.key ?? null });
    return true;
  }

  if (what === 'branch' && req.method === 'POST' && !m[3] && deps.rooms) {
    await branchRoute(req, res, sessionId, { ...deps, rooms: deps.rooms }, ctx);
    return true;
  }

  if (what === 'recording' && req.method === 'GET') {
    const events = store.readEvents(sessionId);
    const text = recordingText(rec, events, 'export', store.listAnnotations(sessionId), {
      signer: deps.signer,
      original: deps.signatures?.get(sessionId) ?? null,
    });
    const body = gzipSync(text);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/gzip',
      'Content-Disposition': contentDisposition(
        'attachment',
        `branchcast-${rec.scenarioId}-${sessionId.slice(0, 8)}.jsonl.gz`,
      ),
      'Content-Length': String(body.length),
    });
    res.end(body);
    return true;
  }

  if (what === 'annotations') {
    const id = m[3] ? decodeURIComponent(m[3]) : null;
    if (req.method === 'GET' && !id) {
      send(res, 200, store.listAnnotations(sessionId));
      return true;
    }
    if (req.method === 'DELETE' && id) {
      try {
        store.deleteAnnotation(sessionId, id);
      } catch {
        send(res, 404, { error: 'NOT_FOUND', message: `annotation "${id}" does not exist` });
        return true;
      }
      send(res, 200, { ok: true });
      return true;
    }
    if ((req.method === 'POST' && !id) || (req.method === 'PUT' && id)) {
      const p = await ctx.readJson(req, AnnotationBody, 8192);
      if (!p) return true;
      const last = store.lastSeq(sessionId);
      if (p.seq > last || (p.toSeq !== null && (p.toSeq < p.seq || p.toSeq > last))) {
        send(res, 400, { error: 'BAD_PAYLOAD', message: `seq: the recording has events 1–${last}` });
        return true;
      }
      const at = store.readEvents(sessionId, p.seq, 1)[0]!;
      const now = deps.now();
      if (id) {
        const old = store.listAnnotations(sessionId).find((a) => a.id === id);
        if (!old) {
          send(res, 404, { error: 'NOT_FOUND', message: `annotation "${id}" does not exist` });
          return true;
        }
        const next: Annotation = { ...old, ...p, t: at.t, updatedAt: now };
        store.updateAnnotation(next);
        send(res, 200, next);
        return true;
      }
      const a: Annotation = { id: randomUUID(), sessionId, ...p, t: at.t, createdAt: now, updatedAt: now };
      store.addAnnotation(a);
      send(res, 201, a);
      return true;
    }
  }
  send(res, 405, { error: 'NOT_FOUND', message: `${req.method} ${path}: not supported` });
  return true;
}
