/**
 * Self-practice (issue 16 pt 8, docs/WORKSHOP.md "Self-practice"): a trainee starts any shipped
 * scenario alone, no facilitator needed. The room is an ordinary one (recorded, scored, its
 * audience the scenario's own bots), so its replay and report work like any session's and the
 * trainee's join code opens them from the sessions list.
 *
 *   GET  /api/practice          { mode, allowed } — may this requester start one (anyone may ask)
 *   POST /api/practice          { scenarioId } → 201 { sessionId, codes: { trainee } }
 *   PUT  /api/practice          { mode } — a facilitator turns it off, local or open
 *
 * Modes: `local` (the default: only from the server machine itself, like the demo room), `open`
 * (anyone who reaches the server, e.g. a classroom LAN), `off` (no one but a facilitator). The
 * mode is kept in the workshop store, so it survives a restart.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Scenario } from '../../core/scenario.js';
import { isLoopback, requireFacilitator } from '../auth/guard.js';
import type { RouteContext, RouteHandler } from '../auth/route-context.js';
import type { RoomCaps } from '../rooms/room-caps.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionBots } from '../workshop/session-bots.js';
import type { WorkshopStore } from '../workshop/workshop-store.js';

export const PRACTICE_MODES = ['local', 'open', 'off'] as const;
export type PracticeMode = (typeof PRACTICE_MODES)[number];
const SETTING = 'selfPractice';
/** Viewers of a practice room arrive over this many seconds (as in a workshop session). */
const RAMP_SEC = 20;

export interface PracticeDeps {
  rooms: RoomRegistry;
  scenarios: Map<string, Scenario>;
  store: WorkshopStore;
  bots: SessionBots;
  roomCaps?: RoomCaps;
  /** The server's default when no facilitator has chosen (BRANCHCAST_PRACTICE; `local`). */
  defaultMode?: PracticeMode;
  log: (msg: string) => void;
}

const Start = z.strictObject({ scenarioId: z.string().min(1).max(64) });
const SetMode = z.strictObject({ mode: z.enum(PRACTICE_MODES) });

export function practiceMode(deps: Pick<PracticeDeps, 'store' | 'defaultMode'>): PracticeMode {
  const kept = deps.store.getSetting(SETTING);
  return (PRACTICE_MODES as readonly string[]).includes(kept ?? '')
    ? (kept as PracticeMode)
    : (deps.defaultMode ?? 'local');
}

/** Why this requester may not start a practice room, or null when it may. */
function refusal(mode: PracticeMode, req: IncomingMessage, ctx: RouteContext): string | null {
  if (ctx.principal.kind === 'facilitator' || mode === 'open') return null;
  if (mode === 'off') return 'self-practice: a facilitator has turned it off on this server';
  if (isLoopback(ctx.guard.clientAddress(req))) return null;
  return 'self-practice: open only on the server machine itself; a facilitator can open it to the network';
}

export function practiceRoutes(deps: PracticeDeps): RouteHandler {
  return async (req, res, url, ctx) => {
    if (url.pathname !== '/api/practice') return false;
    const { send } = ctx;
    const mode = practiceMode(deps);
    if (req.method === 'GET') {
      send(res, 200, { mode, allowed: refusal(mode, req, ctx) === null });
      return true;
    }
    if (req.method === 'PUT') {
      const denied = requireFacilitator(ctx.principal);
      if (denied) {
        ctx.deny(res, denied);
        return true;
      }
      const body = await ctx.readJson(req, SetMode, 256);
      if (!body) return true;
      deps.store.setSetting(SETTING, body.mode);
      send(res, 200, { mode: body.mode });
      return true;
    }
    if (req.method !== 'POST') {
      send(
        res,
        405,
        { error: 'METHOD_NOT_ALLOWED', message: `${req.method}: use GET, POST or PUT` },
        {
          Allow: 'GET, POST, PUT',
        },
      );
      return true;
    }
    const why = refusal(mode, req, ctx);
    if (why) {
      send(res, 403, { error: 'FORBIDDEN', message: why });
      return true;
    }
    const body = await ctx.readJson(req, Start, 1024);
    if (!body) return true;
    const scenario = deps.scenarios.get(body.scenarioId);
    if (!scenario) {
      send(res, 404, { error: 'NOT_FOUND', message: `scenarioId: no scenario "${body.scenarioId}"` });
      return true;
    }
    // Practice rooms count towards the server's cap, and each address towards a per-owner one.
    const owner = `practice:${ctx.guard.clientAddress(req)}`;
    const full = deps.roomCaps?.refusal(owner);
    if (full) {
      send(res, 429, { error: 'LIMIT_REACHED', message: full });
      return true;
    }
    const room = await deps.rooms.create(scenario);
    deps.roomCaps?.own(room.id, owner);
    const codes = room.record.codes;
    // The scenario's own audience; a failed one is logged and the room stands (as in a workshop).
    await deps.bots
      .start(room.id, codes.bot, room.record.seed, {
        count: scenario.bots.count,
        ratePerMinute: scenario.bots.ratePerMinute,
        rampSec: RAMP_SEC,
      })
      .catch((err: unknown) =>
        deps.log(`practice ${room.id}: audience: ${err instanceof Error ? err.message : String(err)}`),
      );
    // Only the trainee's code: the practising trainee is the host; no facilitator seat is handed out.
    send(res, 201, { sessionId: room.id, scenarioId: scenario.id, codes: { trainee: codes.trainee } });
    return true;
  };
}
