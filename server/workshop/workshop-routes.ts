/**
 * REST routes of the workshop (docs/WORKSHOP.md): cohorts, trainees, starting sessions, the live
 * overview and control, progress and the CSV export. All facilitator-only; plugged into
 * server/edge/http.ts as a RouteHandler (HttpDeps.routes). Bodies are validated here with zod and
 * capped at 16 KiB; a refusal names the field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MAX_BOT_RATE, MAX_BOTS, MAX_TEXT, type Ack, type CommandOk } from '../../core/protocol.js';
import { resultsCsv } from '../../core/workshop/results-csv.js';
import { canBranch, requireFacilitator } from '../auth/guard.js';
import type { RouteContext, RouteHandler } from '../auth/route-context.js';
import type { BulkAction } from './broadcast.js';
import { castSeatId, seatCast } from './director-cast.js';
import type { FacilitatorActor } from './live-control.js';
import { MAX_NOTE, NoteError, StartConflict } from './gradebook.js';
import { localTime, zoneName } from './local-time.js';
import type { PublicLinks } from './public-links.js';
import { WorkshopError, type Workshop } from './workshop-service.js';

export const MAX_WORKSHOP_BODY = 16 * 1024;
export const MAX_TRAINEE_NAME = 40;

/** Display names: trimmed, no control characters (they are shown as text everywhere). */
const displayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

const CreateCohort = z.strictObject({ name: displayName(80) });
const AddTrainees = z.strictObject({
  names: z.array(displayName(MAX_TRAINEE_NAME)).min(1, 'at least one name').max(50, 'at most 50 names at once'),
});
const botCount = z.number().int().min(0).max(MAX_BOTS);
const botRate = z.number().min(0).max(MAX_BOT_RATE);
const StartSessions = z.strictObject({
  scenarioId: z.string().min(1).max(64),
  traineeIds: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
  bots: z
    .strictObject({
      count: botCount.optional(),
      ratePerMinute: botRate.optional(),
      rampSec: z.number().min(0).max(600).optional(),
    })
    .optional(),
  onExisting: z.enum(['ask', 'force', 'skipExisting']).optional(),
});
const noteText = z.string().max(MAX_NOTE, `at most ${MAX_NOTE} characters`).nullable().optional();
const NoteAttempt = z
  .strictObject({ voided: z.boolean().optional(), voidReason: noteText, comment: noteText })
  .refine((b) => b.voided !== undefined || b.comment !== undefined, 'give voided (with voidReason), comment or both');
const FireIncident = z.strictObject({
  incidentId: z.string().min(1).max(64),
  atMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
});
const ConfigureBots = z
  .strictObject({ count: botCount.optional(), ratePerMinute: botRate.optional() })
  .refine((b) => b.count !== undefined || b.ratePerMinute !== undefined, 'give count, ratePerMinute or both');
const score15 = z.number().int('a whole number 1–5').min(1).max(5);
const Rate = z.strictObject({
  content: score15,
  instructor: score15,
  tool: score15,
  comment: z.string().max(MAX_NOTE, `at most ${MAX_NOTE} characters`).nullable().optional(),
});
const Pause = z.strictObject({ paused: z.boolean() });
const End = z.strictObject({});
const NoticeAll = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `at most ${MAX_TEXT} characters`),
});
const PauseAll = z.strictObject({ paused: z.boolean() });
/** A facilitator marks a trainee's help request handled (only the trainee raises one). */
const HelpOff = z.strictObject({ on: z.literal(false) });
const Say = z.strictObject({
  /** A simulated viewer of the room, or a cast member by `castId` (seated if they are not). */
  viewerId: z.string().min(1).max(64).optional(),
  castId: z.string().min(1).max(64).optional(),
  text: z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `at most ${MAX_TEXT} characters`),
  kind: z.enum(['chat', 'question']).optional(),
  replyTo: z.number().int().positive().nullable().optional(),
});

/** HTTP status of a room's refusal (the same codes as Socket.IO acks). */
function statusOf(code: string): number {
  switch (code) {
    case 'BAD_PAYLOAD':
      return 400;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_STATE':
      return 409;
    case 'TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'STORE_FAILED':
      return 503;
    default:
      return 500;
  }
}

const NO_LINKS: PublicLinks = { origin: '', publicUrl: null, lan: [] };

const seg = '([^/]+)';
const ROUTES = {
  cohorts: /^\/api\/cohorts$/,
  cohort: new RegExp(`^/api/cohorts/${seg}$`),
  trainees: new RegExp(`^/api/cohorts/${seg}/trainees$`),
  trainee: new RegExp(`^/api/cohorts/${seg}/trainees/${seg}$`),
  sessions: new RegExp(`^/api/cohorts/${seg}/sessions$`),
  progress: new RegExp(`^/api/cohorts/${seg}/progress$`),
  csv: new RegExp(`^/api/cohorts/${seg}/results\\.csv$`),
  traineeProgress: new RegExp(`^/api/trainees/${seg}/progress$`),
  note: new RegExp(`^/api/attempts/${seg}/note$`),
  satisfaction: new RegExp(`^/api/sessions/${seg}/satisfaction$`),
  live: /^\/api\/live$/,
  links: /^\/api\/workshop\/links$/,
  all: /^\/api\/live\/all\/(notice|pause|end)$/,
  control: new RegExp(`^/api/live/${seg}/(incident|bots|pause|end|say|notice|help)$`),
};

function owns(path: string): boolean {
  return (
    path === '/api/cohorts' ||
    path.startsWith('/api/cohorts/') ||
    path === '/api/live' ||
    path === '/api/workshop/links' ||
    path.startsWith('/api/live/') ||
    path.startsWith('/api/trainees/') ||
    path.startsWith('/api/attempts/')
  );
}

export function workshopRoutes(ws: Workshop, links: () => PublicLinks = () => NO_LINKS): RouteHandler {
  return async (req, res, url, ctx) => {
    const path = url.pathname;
    const rate = ROUTES.satisfaction.exec(path);
    if (rate) {
      await rateRoute(ws, req, res, ctx, decodeURIComponent(rate[1]!));
      return true;
    }
    if (!owns(path)) return false;
    const denied = requireFacilitator(ctx.principal);
    if (denied) {
      ctx.deny(res, denied);
      return true;
    }
    const p = ctx.principal as Extract<typeof ctx.principal, { kind: 'facilitator' }>;
    const actor: FacilitatorActor = { id: `f-${p.id}`, role: 'facilitator', name: p.username };
    try {
      if (ROUTES.links.test(path)) {
        if (req.method !== 'GET')
          ctx.send(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'use GET' }, { Allow: 'GET' });
        else ctx.send(res, 200, links());
        return true;
      }
      await dispatch(ws, req, res, url, ctx, actor);
    } catch (err) {
      if (err instanceof WorkshopError) ctx.send(res, err.status, { error: err.code, message: err.message });
      // Asks first: the console lists who already has an open session and offers force/skip.
      else if (err instanceof NoteError)
        ctx.send(res, err.status, { error: err.status === 404 ? 'NOT_FOUND' : 'BAD_PAYLOAD', message: err.message });
      else if (err instanceof StartConflict)
        ctx.send(res, 409, { error: 'INVALID_STATE', message: err.message, existing: err.existing });
      else throw err;
    }
    return true;
  };
}

/** The trainee (their code) or a facilitator rates an ended session (seed/ 6.1). */
async function rateRoute(
  ws: Workshop,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
  sessionId: string,
): Promise<void> {
  const denied = canBranch(ctx.principal, sessionId);
  if (denied) return ctx.deny(res, denied);
  if (req.method !== 'POST')
    return ctx.send(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `${req.method}: use POST` }, { Allow: 'POST' });
  const b = await ctx.readJson(req, Rate, MAX_WORKSHOP_BODY);
  if (!b) return;
  try {
    ws.rateSession(sessionId, b);
    ctx.send(res, 200, { ok: true });
  } catch (err) {
    if (err instanceof WorkshopError) ctx.send(res, err.status, { error: err.code, message: err.message });
    else throw err;
  }
}

async function dispatch(
  ws: Workshop,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: RouteContext,
  actor: FacilitatorActor,
): Promise<void> {
  const path = url.pathname;
  const { send } = ctx;
  const method = req.method ?? 'GET';
  const body = <S extends z.ZodType>(schema: S) => ctx.readJson(req, schema, MAX_WORKSHOP_BODY);
  const id = (m: RegExpExecArray, i = 1) => decodeURIComponent(m[i]!);
  const wrong = (allowed: string) =>
    send(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `${method} ${path}: use ${allowed}` }, { Allow: allowed });
  let m: RegExpExecArray | null;

  if (ROUTES.cohorts.test(path)) {
    if (method === 'GET') return send(res, 200, ws.listCohorts());
    if (method !== 'POST') return wrong('GET, POST');
    const b = await body(CreateCohort);
    if (b) send(res, 201, ws.createCohort(b.name));
    return;
  }
  if ((m = ROUTES.cohort.exec(path))) {
    if (method !== 'GET') return wrong('GET');
    return send(res, 200, ws.cohortDetail(id(m)));
  }
  if ((m = ROUTES.trainees.exec(path))) {
    if (method !== 'POST') return wrong('POST');
    const b = await body(AddTrainees);
    if (b) send(res, 201, { trainees: ws.addTrainees(id(m), b.names) });
    return;
  }
  if ((m = ROUTES.trainee.exec(path))) {
    if (method !== 'DELETE') return wrong('DELETE');
    ws.deleteTrainee(id(m), id(m, 2));
    // 200 with a body rather than 204: clients read every answer as JSON.
    return send(res, 200, { ok: true });
  }
  if ((m = ROUTES.sessions.exec(path))) {
    if (method !== 'POST') return wrong('POST');
    const b = await body(StartSessions);
    if (b) send(res, 201, await ws.startSessions(id(m), b, actor));
    return;
  }
  if ((m = ROUTES.progress.exec(path))) {
    if (method !== 'GET') return wrong('GET');
    return send(res, 200, ws.cohortProgress(id(m)));
  }
  if ((m = ROUTES.csv.exec(path))) {
    if (method !== 'GET') return wrong('GET');
    const progress = ws.cohortProgress(id(m));
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
    const file = `${progress.name}-${lang === 'zh' ? '成绩' : 'results'}.csv`;
    res.writeHead(200, {
      ...ctx.headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Cache-Control': 'no-store',
      // An ASCII fallback name, and the real (often Chinese) one per RFC 6266 / 5987.
      'Content-Disposition': `attachment; filename="cohort-results.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
    });
    res.end(resultsCsv(progress, { lang, localTime, zone: zoneName(Date.now()) }));
    return;
  }
  if ((m = ROUTES.traineeProgress.exec(path))) {
    if (method !== 'GET') return wrong('GET');
    return send(res, 200, ws.traineeProgress(id(m)));
  }
  if ((m = ROUTES.note.exec(path))) {
    if (method !== 'POST') return wrong('POST');
    const b = await body(NoteAttempt);
    if (b) {
      ws.noteAttempt(id(m), b, actor);
      send(res, 200, { ok: true });
    }
    return;
  }
  if (ROUTES.live.test(path)) {
    if (method !== 'GET') return wrong('GET');
    const cohortId = url.searchParams.get('cohortId') ?? undefined;
    return send(res, 200, { now: Date.now(), sessions: ws.live(cohortId), ended: ws.endedToday(cohortId) });
  }
  if ((m = ROUTES.all.exec(path))) {
    if (method !== 'POST') return wrong('POST');
    const cohortId = url.searchParams.get('cohortId') ?? undefined;
    const kind = m[1]!;
    const b = kind === 'notice' ? await body(NoticeAll) : kind === 'pause' ? await body(PauseAll) : await body(End);
    if (!b) return;
    const action: BulkAction =
      kind === 'notice'
        ? { kind: 'notice', text: (b as z.output<typeof NoticeAll>).text }
        : kind === 'pause'
          ? { kind: 'pause', paused: (b as z.output<typeof PauseAll>).paused }
          : { kind: 'end' };
    return send(res, 200, await ws.broadcast(action, actor, cohortId));
  }
  if ((m = ROUTES.control.exec(path))) {
    if (method !== 'POST') return wrong('POST');
    return control(ws, res, ctx, id(m), m[2]!, actor, body);
  }
  send(res, 404, { error: 'NOT_FOUND', message: `${method} ${path}: no such route` });
}

async function control(
  ws: Workshop,
  res: ServerResponse,
  ctx: RouteContext,
  sessionId: string,
  action: string,
  actor: FacilitatorActor,
  body: <S extends z.ZodType>(schema: S) => Promise<z.output<S> | null>,
): Promise<void> {
  const { send } = ctx;
  const reply = (ack: Ack<CommandOk & { scheduledAtMs?: number }>) =>
    ack.ok ? send(res, 200, ack) : send(res, statusOf(ack.code), { error: ack.code, message: ack.message });
  if (action === 'bots') {
    const b = await body(ConfigureBots);
    if (!b) return;
    const ack = await ws.configureBots(sessionId, b, actor);
    if (!ack.ok) send(res, statusOf(ack.code), { error: ack.code, message: ack.message });
    else send(res, 200, { count: ack.count, ratePerMinute: ack.ratePerMinute, running: ack.running });
    return;
  }
  const room = ws.room(sessionId);
  if (!room) {
    send(res, 404, { error: 'NOT_FOUND', message: `sessionId: no running session "${sessionId}"` });
    return;
  }
  switch (action) {
    case 'incident': {
      const b = await body(FireIncident);
      if (b) reply(await ws.control.incident(room, actor, b.incidentId, b.atMs));
      return;
    }
    case 'pause': {
      const b = await body(Pause);
      if (b) reply(await ws.control.command(room, actor, 'stream.pause', b));
      return;
    }
    case 'end': {
      const b = await body(End);
      if (b) reply(await ws.control.command(room, actor, 'session.end', {}));
      return;
    }
    case 'say': {
      const b = await body(Say);
      if (!b) return;
      let viewerId = b.viewerId;
      if (b.castId !== undefined) {
        if (!room.scenario.director?.cast.some((c) => c.id === b.castId))
          return send(res, 404, {
            error: 'NOT_FOUND',
            message: `castId: no cast member "${b.castId}" in this scenario`,
          });
        await seatCast(room);
        viewerId = castSeatId(b.castId);
      }
      if (viewerId === undefined)
        return send(res, 400, { error: 'BAD_PAYLOAD', message: 'viewerId: give viewerId or castId' });
      // Never as a real person: an observer is someone watching, not a simulated viewer.
      if (room.snapshot().participants[viewerId]?.role === 'observer')
        return send(res, 409, {
          error: 'INVALID_STATE',
          message: 'viewerId: an observer is a real person; speak as a simulated viewer',
        });
      const { castId: _cast, ...rest } = b;
      reply(await ws.control.command(room, actor, 'director.say', { ...rest, viewerId }));
      return;
    }
    case 'notice': {
      const b = await body(NoticeAll);
      if (b) reply(await ws.control.command(room, actor, 'notice.send', b));
      return;
    }
    case 'help': {
      const b = await body(HelpOff);
      if (b) reply(await ws.control.command(room, actor, 'help.set', { on: false }));
      return;
    }
  }
}
