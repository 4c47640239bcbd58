/**
 * REST routes for replay and critique: the sessions list, a session's events (for the player),
 * its recording file, import of a recording, and facilitators' annotations. Who may do what is
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
import { BodyTooLarge, mediaType, readBody } from '../edge/http-body.js';
import type { SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import { importRecording } from './recording-import.js';
import { DecompressedTooLarge, gunzipCapped, isGzip } from './gunzip-capped.js';
import {
  MAX_RECORDING_BYTES,
  readRecording,
  RecordingFileError,
  recordingText,
  type Annotation,
} from './recording-file.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SignatureStore } from './signature-store.js';
import { describeSignature, type Signer } from './signing.js';
import type { SessionRoom } from '../rooms/session-room.js';
import { chainHash, eventJson, genesisHash } from '../store/hash-chain.js';
import { StoreError, type RecordingStore, type SessionRecord } from '../store/recording-store.js';

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

/** Who was watching at the branch point: the bots online then, and the recording that says who they were. */
export interface BranchAudience {
  parentSessionId: string;
  viewers: number;
  /** The parent's events 1..atSeq: the retry's audience is folded from them (core/audience/restore.ts). */
  events: readonly SessionEvent[];
  /** The original audience's last recorded size and rate (`audience.configured`), if any. */
  count: number | null;
  ratePerMinute: number | null;
}

const MAX_EVENTS_PAGE = 20_000;
const MAX_UPLOAD = 64 * 1024 * 1024;
/** What an import may be sent as: none of them can be sent cross-origin without a CORS preflight. */
export const RECORDING_TYPES = [
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
  'application/x-ndjson',
  'application/jsonl',
];

const BranchBody = z.strictObject({ seq: z.number({ error: 'expected an integer' }).int('expected an integer') });

const AnnotationBody = z.strictObject({
  seq: z.number().int().positive(),
  toSeq: z.number().int().positive().nullable().default(null),
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters'),
  category: z.string().max(64).nullable().default(null),
  severity: z.enum(['info', 'minor', 'major', 'critical']).nullable().default(null),
  author: z.string().trim().min(1).max(32).default('facilitator'),
});

type ParentLink = { sessionId: string; atSeq: number } | null;
/** Parent of each session (a branch's never changes once created), found once per process. */
const parents = new WeakMap<RecordingStore, Map<string, ParentLink>>();

/**
 * A branch's first event is its root's `session.created` (copied), so most sessions are told
 * apart by one read; a branch's own parent is its last `session.branched` (a branch of a branch
 * carries its parent's too), found by one scan, then cached.
 */
function parentOf(store: RecordingStore, sessionId: string): ParentLink {
  let cache = parents.get(store);
  if (!cache) parents.set(store, (cache = new Map()));
  const hit = cache.get(sessionId);
  if (hit !== undefined) return hit;
  const first = store.readEvents(sessionId, 1, 1)[0];
  let link: ParentLink = null;
  if (first?.type === 'session.created' && first.sessionId !== sessionId) {
    for (let from = 1; ;) {
      const page = store.readEvents(sessionId, from, MAX_EVENTS_PAGE);
      for (const e of page) if (e.type === 'session.branched') link = { sessionId: e.parentSessionId, atSeq: e.atSeq };
      if (page.length < MAX_EVENTS_PAGE) break;
      from = page[page.length - 1]!.seq + 1;
    }
  }
  cache.set(sessionId, link);
  return link;
}

function summary(store: RecordingStore, rec: SessionRecord) {
  const last = store.lastSeq(rec.sessionId);
  return {
    sessionId: rec.sessionId,
    scenarioId: rec.scenarioId,
    createdAt: rec.createdAt,
    status: rec.status,
    demo: rec.demo,
    events: last,
    parent: last > 0 ? parentOf(store, rec.sessionId) : null,
  };
}

/**
 * Recompute the hash chain from the stored events (docs/SPEC.md RP9) and compare it with the
 * stored links: the first seq whose event, link or order does not match is where it broke.
 */
export function verifyStored(
  store: RecordingStore,
  sessionId: string,
): { ok: boolean; events: number; brokenSeq: number | null; message: string } {
  let prev = genesisHash(sessionId);
  let n = 0;
  for (let from = 1; ;) {
    const events = store.readEvents(sessionId, from, MAX_EVENTS_PAGE);
    const links = store.readHashes(sessionId, from, MAX_EVENTS_PAGE);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const link = links[i];
      const expect = n + 1;
      if (e.seq !== expect) return { ok: false, events: n, brokenSeq: expect, message: `seq ${expect} is missing` };
      const h = chainHash(prev, eventJson(e));
      if (!link || link.seq !== e.seq || link.prev !== prev || link.hash !== h)
        return { ok: false, events: n, brokenSeq: e.seq, message: `the hash chain breaks at seq ${e.seq}` };
      prev = h;
      n++;
    }
    if (events.length < MAX_EVENTS_PAGE) break;
    from = events[events.length - 1]!.seq + 1;
  }
  return { ok: true, events: n, brokenSeq: null, message: `${n} events in an unbroken hash chain` };
}

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
    if (!RECORDING_TYPES.includes(mediaType(req))) {
      req.resume();
      send(res, 415, {
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: `content-type: expected ${RECORDING_TYPES.join(', ')}, got "${mediaType(req) || 'none'}"`,
      });
      return true;
    }
    let data: Buffer;
    try {
      data = await readBody(req, MAX_UPLOAD);
    } catch (err) {
      if (err instanceof BodyTooLarge) send(res, 413, { error: 'TOO_LARGE', message: `body: ${err.message}` });
      else send(res, 400, { error: 'BAD_PAYLOAD', message: `body: ${(err as Error).message}` });
      return true;
    }
    // Decompressed here, off the loop and capped, so readRecording only ever sees plain text.
    if (isGzip(data)) {
      try {
        data = await gunzipCapped(data, MAX_RECORDING_BYTES);
      } catch (err) {
        if (err instanceof DecompressedTooLarge)
          send(res, 413, { error: 'TOO_LARGE', message: `refused, nothing imported: the file ${err.message}` });
        else
          send(res, 400, {
            error: 'BAD_RECORDING',
            message: `refused, nothing imported: the gzip data is damaged or truncated (${(err as Error).message.slice(0, 120)})`,
          });
        return true;
      }
    }
    let r;
    try {
      r = readRecording('upload', data);
    } catch (err) {
      if (err instanceof RecordingFileError) {
        send(res, 400, { error: 'BAD_RECORDING', message: `refused, nothing imported: ${err.message}` });
        return true;
      }
      throw err;
    }
    if (r.signature.status === 'mismatch') {
      send(res, 400, {
        error: 'BAD_RECORDING',
        message: `refused, nothing imported: ${describeSignature(r.signature)}`,
      });
      return true;
    }
    if (store.getSession(r.header.sessionId)) {
      send(res, 409, { error: 'DUPLICATE', message: `session ${r.header.sessionId} is already here` });
      return true;
    }
    let codes;
    try {
      ({ codes } = importRecording(store, r, deps.signatures));
    } catch (err) {
      if (err instanceof StoreError) {
        send(res, 409, { error: 'DUPLICATE', message: `refused, nothing imported: ${err.message}` });
        return true;
      }
      throw err;
    }
    send(res, 201, {
      sessionId: r.header.sessionId,
      events: r.events.length,
      annotations: r.annotations.length,
      codes,
      signature: {
        ...r.signature,
        text: describeSignature(r.signature),
        thisServer: r.signature.status === 'signed' && r.signature.fingerprint === deps.signer?.fingerprint,
      },
      ...(r.original ? { originalSignature: { ...r.original.check, text: describeSignature(r.original.check) } } : {}),
    });
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
    const body = await ctx.readJson(req, BranchBody, 1024);
    if (!body) return true;
    const seq = body.seq;
    const room = await deps.rooms.createBranch(sessionId, seq);
    if ('error' in room) {
      send(res, room.error === 'NOT_FOUND' ? 404 : room.error === 'ENDED' ? 409 : 400, {
        error: room.error === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_PAYLOAD',
        message: room.message,
      });
      return true;
    }
    const upTo = store.readEvents(sessionId, 1, seq);
    const atBranch = fold(upTo);
    const viewers = Object.values(atBranch.participants).filter((p) => p.online && p.role === 'bot').length;
    await deps.onBranch?.(room, {
      parentSessionId: sessionId,
      viewers,
      events: upTo,
      count: atBranch.audienceTarget?.count ?? null,
      ratePerMinute: atBranch.audienceTarget?.ratePerMinute ?? null,
    });
    send(res, 201, {
      sessionId: room.id,
      parentSessionId: sessionId,
      atSeq: seq,
      lastSeq: room.snapshot().lastSeq,
      viewers,
      // A trainee's screen never shows another role's code: they get their own only.
      codes: principal.kind === 'facilitator' ? room.record.codes : { trainee: room.record.codes.trainee },
    });
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
