/**
 * The recorded voice over HTTP (voice-takes.ts; docs/VOICE.md "Recording the voice"):
 *
 *   POST   /api/sessions/:id/voice?take=&startT=   one WebM/Opus chunk (the trainee's code, live
 *                                                 session); recorded as a voice.chunk event
 *   GET    /api/sessions/:id/voice                 {takes: [...]} (whoever may read the session)
 *   GET    /api/sessions/:id/voice/:take           the take's audio
 *   DELETE /api/sessions/:id/voice                 delete it all (a facilitator, or the trainee's code)
 */
import { BodyTooLarge, readBody } from '../edge/http-body.js';
import { canReadSession } from '../auth/guard.js';
import type { RouteHandler } from '../auth/route-context.js';
import { draft, SYSTEM_ACTOR } from '../../core/events.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { RecordingStore } from '../store/recording-store.js';
import { VoiceLimitError, type VoiceTakes } from './voice-takes.js';

const PATH = /^\/api\/sessions\/([^/]+)\/voice(?:\/([^/]+))?$/;
const AUDIO = /^audio\/(webm|ogg)\b/;

export function voiceRoutes(
  takes: VoiceTakes,
  store: Pick<RecordingStore, 'getSession'>,
  rooms: Pick<RoomRegistry, 'get'>,
): RouteHandler {
  return async (req, res, url, ctx) => {
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    const sessionId = decodeURIComponent(m[1]!);
    const takeId = m[2] ? decodeURIComponent(m[2]) : null;
    const p = ctx.principal;
    const record = store.getSession(sessionId);
    if (!record) {
      ctx.send(res, 404, { error: 'NOT_FOUND', message: `no session "${sessionId.slice(0, 64)}" / 没有该场次` });
      return true;
    }

    if (req.method === 'GET') {
      const denied = canReadSession(p, sessionId);
      if (denied) return (ctx.deny(res, denied), true);
      if (takeId === null) {
        ctx.send(res, 200, { takes: takes.list(sessionId) });
        return true;
      }
      const take = takes.list(sessionId).find((t) => t.id === takeId);
      const audio = take ? takes.audio(sessionId, takeId) : null;
      if (!take || !audio) {
        ctx.send(res, 404, { error: 'NOT_FOUND', message: 'no such take / 没有这段录音' });
        return true;
      }
      res
        .writeHead(200, {
          ...ctx.headers,
          'Content-Type': take.mime,
          'Content-Length': String(audio.length),
          'Cache-Control': 'no-store',
        })
        .end(audio);
      return true;
    }

    const isTrainee = p.kind === 'code' && p.sessionId === sessionId && p.role === 'trainee';
    if (req.method === 'DELETE' && takeId === null) {
      if (p.kind !== 'facilitator' && !isTrainee) {
        const denied = canReadSession(p, sessionId);
        ctx.deny(res, denied ?? { status: 403, error: 'FORBIDDEN', message: "a facilitator or the trainee's code" });
        return true;
      }
      ctx.send(res, 200, { deleted: takes.deleteSession(sessionId) });
      return true;
    }

    if (req.method === 'POST' && takeId === null) {
      if (!isTrainee) {
        const denied = canReadSession(p, sessionId);
        ctx.deny(
          res,
          denied && p.kind === 'anonymous'
            ? denied
            : { status: 403, error: 'FORBIDDEN', message: 'only the trainee records their voice / 只有学员可以录音' },
        );
        return true;
      }
      if (record.status !== 'live') {
        ctx.send(res, 409, { error: 'NOT_LIVE', message: 'the session has ended / 该场次已结束' });
        return true;
      }
      const mime = String(req.headers['content-type'] ?? '');
      if (!AUDIO.test(mime)) {
        req.resume();
        ctx.send(res, 415, {
          error: 'UNSUPPORTED_MEDIA_TYPE',
          message: `content-type: expected audio/webm, got "${mime.slice(0, 60)}" / 只接受 audio/webm`,
        });
        return true;
      }
      const startT = Number(url.searchParams.get('startT') ?? 0);
      let body: Buffer;
      try {
        body = await readBody(req, takes.limits.chunkBytes);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        ctx.send(res, 413, { error: 'TOO_LARGE', message: `chunk over ${e.limit} bytes / 音频片段过大` });
        return true;
      }
      try {
        const take = takes.append(
          sessionId,
          url.searchParams.get('take') || null,
          Number.isFinite(startT) ? startT : 0,
          mime.split(';')[0] === 'audio/ogg' ? 'audio/ogg' : 'audio/webm',
          body,
        );
        // The chunk's hash goes into the session's event chain (voice.chunk), so the audio is
        // bound to the signed recording; answered once that event is durable.
        const room = rooms.get(sessionId);
        const seq = room
          ? await room.submit(SYSTEM_ACTOR, [
              draft.voiceChunk({
                take: take.id,
                index: take.chunks - 1,
                startT: take.startT,
                bytes: body.length,
                sha256: take.chunkHashes.at(-1)!,
              }),
            ])
          : null;
        ctx.send(res, 201, { take, seq });
      } catch (e) {
        if (!(e instanceof VoiceLimitError)) throw e;
        ctx.send(res, e.status, { error: e.status === 413 ? 'TOO_LARGE' : 'NOT_FOUND', message: e.message });
      }
      return true;
    }
    return false;
  };
}
