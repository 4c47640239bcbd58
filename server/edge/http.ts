/**
 * HTTP edge: a small REST API for the lobby and the built client as static files. Socket.IO
 * shares the server and answers its own path before this handler sees a request. Every API
 * request is resolved to a principal once (server/auth/guard.ts) and each route checks it
 * (docs/ACCESS.md); every answer, errors and files included, carries the security headers.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { Scenario } from '../../core/scenario.js';
import type { RoomCaps } from '../rooms/room-caps.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { DemoAccess } from '../auth/access.js';
import { handleAuthRoute } from '../auth/auth-routes.js';
import { isLoopback, isSecure, requireFacilitator, type Guard } from '../auth/guard.js';
import type { RouteContext, RouteHandler } from '../auth/route-context.js';
import { readJson } from './http-body.js';
import { refusalHtml, wantsPage } from '../auth/refusal-page.js';
import { handleReportRoute, type ReportDeps } from '../reports/report-routes.js';
import { handleRecordingRoute, type RecordingRouteDeps } from '../recordings/recording-routes.js';

export type { RouteContext, RouteHandler } from '../auth/route-context.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.vrm': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Everything the client needs ships with it: no third-party origin is ever allowed. glTF
  // loaders (controller models, a user's own VRM) fetch embedded textures as blob:/data: URLs.
  // media-src blob: lets replay play the recorded voice from memory (loaded whole, so it seeks).
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; " +
    "connect-src 'self' blob: data: ws: wss:; worker-src 'self' blob:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};
const SECURE_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  'Strict-Transport-Security': 'max-age=31536000',
};

/** The security headers for an answer to `req`: HSTS only where the request came over https. */
export function securityHeaders(req: IncomingMessage, forceSecure = false): Record<string, string> {
  return isSecure(req, forceSecure) ? SECURE_HEADERS : SECURITY_HEADERS;
}

const CreateSession = z.strictObject({ scenarioId: z.string().min(1).max(64) });
const MAX_BODY = 4096;

export interface HttpDeps {
  rooms: RoomRegistry;
  scenarios: Map<string, Scenario>;
  /** Folder with the built client (index.html, assets/), or null when the client is served by Vite. */
  clientDir: string | null;
  /** Who is asking (server/auth/guard.ts). */
  guard: Guard;
  /** Who may fetch the demo room's codes without logging in; default 'local' (loopback only). */
  demoAccess?: DemoAccess;
  /** Reports, script review and rubrics (server/reports/report-routes.ts); absent: those routes 404. */
  reports?: ReportDeps;
  /** Sessions list, events for replay, recording files, annotations (server/recordings/recording-routes.ts). */
  recordings?: RecordingRouteDeps;
  /** Caps on open rooms (server/rooms/room-caps.ts); absent: no cap. */
  roomCaps?: RoomCaps;
  /** More REST routes (the workshop's), tried after the built-in ones; each guards itself. */
  routes?: RouteHandler[];
}

export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const forceSecure = deps.guard.deps.secureCookies ?? false;

  const contextFor = (req: IncomingMessage, res: ServerResponse): RouteContext => {
    const headers = securityHeaders(req, forceSecure);
    const send: RouteContext['send'] = (out, status, body, extra) => {
      const text = JSON.stringify(body);
      out.writeHead(status, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...extra,
      });
      out.end(text);
    };
    return {
      principal: deps.guard.principalOf(req),
      guard: deps.guard,
      headers,
      send,
      deny: (out, d) => {
        // A browser opening a link gets a page it can show (server/auth/refusal-page.ts).
        if (!wantsPage(req)) return send(out, d.status, { error: d.error, message: d.message });
        const lang = /[?&]lang=en\b/.test(req.url ?? '') ? 'en' : 'zh';
        out.writeHead(d.status, {
          ...headers,
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        out.end(refusalHtml(d, lang));
      },
      readJson: async (r, schema, maxBytes = MAX_BODY) => {
        const body = await readJson(r, schema, maxBytes);
        if (body.ok) return body.data;
        // Answered on this request's own response (a handler reads only its own body).
        send(res, body.status, { error: body.error, message: body.message });
        return null;
      },
    };
  };

  const demoOpen = (req: IncomingMessage, ctx: RouteContext): boolean => {
    if (ctx.principal.kind === 'facilitator') return true;
    const mode = deps.demoAccess ?? 'local';
    return mode === 'open' || (mode === 'local' && isLoopback(deps.guard.clientAddress(req)));
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL, ctx: RouteContext): Promise<void> => {
    const path = url.pathname;
    const { send } = ctx;
    if (req.method === 'GET' && path === '/api/health')
      return send(res, 200, { ok: true, protocolVersion: PROTOCOL_VERSION });
    if (req.method === 'GET' && path === '/api/scenarios') {
      return send(
        res,
        200,
        [...deps.scenarios.values()].map((s) => ({
          id: s.id,
          title: s.title,
          summary: s.summary,
          programmeRef: s.programmeRef,
          segments: s.segments.length,
        })),
      );
    }
    if (req.method === 'GET' && path === '/api/demo') {
      if (!demoOpen(req, ctx))
        return send(res, 403, {
          error: 'FORBIDDEN',
          message:
            'the demo room is open only on the server machine itself (BRANCHCAST_DEMO=open opens it to the network); log in as a facilitator',
        });
      const room = deps.rooms.demo();
      if (!room) return send(res, 404, { error: 'NOT_FOUND', message: 'no demo room is open' });
      return send(res, 200, { sessionId: room.id, scenarioId: room.record.scenarioId, codes: room.record.codes });
    }
    if (req.method === 'POST' && path === '/api/sessions') {
      const denied = requireFacilitator(ctx.principal);
      if (denied) return ctx.deny(res, denied);
      const body = await ctx.readJson(req, CreateSession, MAX_BODY);
      if (!body) return;
      const scenario = deps.scenarios.get(body.scenarioId);
      if (!scenario)
        return send(res, 404, { error: 'NOT_FOUND', message: `scenarioId: no scenario "${body.scenarioId}"` });
      const facilitatorId = ctx.principal.kind === 'facilitator' ? ctx.principal.id : '';
      const full = deps.roomCaps?.refusal(facilitatorId);
      if (full) return send(res, 429, { error: 'LIMIT_REACHED', message: full });
      const room = await deps.rooms.create(scenario);
      deps.roomCaps?.own(room.id, facilitatorId);
      return send(res, 201, { sessionId: room.id, codes: room.record.codes });
    }
    if (await handleAuthRoute(req, res, url, ctx)) return;
    if (deps.reports && handleReportRoute(req, res, url, deps.reports, ctx)) return;
    if (deps.recordings && (await handleRecordingRoute(req, res, url, deps.recordings, ctx))) return;
    for (const route of deps.routes ?? []) if (await route(req, res, url, ctx)) return;
    return send(res, 404, { error: 'NOT_FOUND', message: `${req.method} ${path}: no such route` });
  };

  const serveStatic = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const headers = securityHeaders(req, forceSecure);
    if (!deps.clientDir) {
      res.writeHead(404, headers).end('The client is served by the Vite dev server.');
      return;
    }
    const root = deps.clientDir;
    const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
    let file = join(root, rel);
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(400, headers).end('bad path');
      return;
    }
    let st = statSync(file, { throwIfNoEntry: false });
    if (!st || st.isDirectory()) {
      // Client-side routes fall back to the app; missing assets are real 404s.
      if (rel.startsWith('assets/') || extname(rel) !== '') {
        res.writeHead(404, headers).end('not found');
        return;
      }
      file = join(root, 'index.html');
      st = statSync(file, { throwIfNoEntry: false });
      if (!st) {
        res.writeHead(503, headers).end('client not built: run `npm run build`');
        return;
      }
    }
    const immutable = rel.startsWith('assets/');
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(st.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  return (req, res) => {
    const headers = securityHeaders(req, forceSecure);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://local');
      // A path that does not decode is refused here, once, rather than deep in a route.
      decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, headers).end('bad url');
      return;
    }
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      // A write from a page of another origin (another port of this host included) is refused
      // before anything else: it would otherwise act with the facilitator's cookie.
      if (req.method !== 'GET' && req.method !== 'HEAD' && !deps.guard.originAllowed(req)) {
        req.resume();
        res
          .writeHead(403, {
            ...headers,
            'Content-Type': 'application/json; charset=utf-8',
            'Cache-Control': 'no-store',
          })
          .end(
            JSON.stringify({
              error: 'BAD_ORIGIN',
              message: `origin: ${String(req.headers.origin ?? req.headers['sec-fetch-site']).slice(0, 100)} may not write here; only this server's own pages (or --allowed-origin)`,
            }),
          );
        return;
      }
      let ctx: RouteContext;
      const fail = (err: unknown) => {
        if (!res.headersSent)
          res
            .writeHead(500, {
              ...headers,
              'Content-Type': 'application/json; charset=utf-8',
              'Cache-Control': 'no-store',
            })
            .end(JSON.stringify({ error: 'INTERNAL', message: err instanceof Error ? err.message : 'error' }));
        else res.destroy();
      };
      // A join code is looked up only in its address's turn at the code gate (server/auth/code-gate.ts);
      // a facilitator's cookie does not wait behind someone else's guessing.
      const hasCode =
        String(req.headers['x-branchcast-code'] ?? '').trim() !== '' ||
        (url.searchParams.get('code') ?? '').trim() !== '';
      if (hasCode && !deps.guard.facilitatorOf(req.headers.cookie)) {
        void deps.guard.codeGate.admit(deps.guard.clientAddress(req)).then((ticket) => {
          if (!ticket.ok) {
            res
              .writeHead(429, {
                ...headers,
                'Content-Type': 'application/json; charset=utf-8',
                'Cache-Control': 'no-store',
                'Retry-After': String(ticket.retryAfter),
              })
              .end(
                JSON.stringify({
                  error: 'RATE_LIMITED',
                  message: `too many unknown join codes from this address; try again in ${ticket.retryAfter} s`,
                  retryAfter: ticket.retryAfter,
                }),
              );
            return;
          }
          let c: RouteContext;
          try {
            c = contextFor(req, res);
          } catch (err) {
            return fail(err);
          }
          if (c.principal.kind === 'code') ticket.matched();
          api(req, res, url, c).catch(fail);
        }, fail);
        return;
      }
      try {
        ctx = contextFor(req, res);
      } catch (err) {
        return fail(err);
      }
      api(req, res, url, ctx).catch(fail);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    try {
      serveStatic(req, res, path);
    } catch {
      if (!res.headersSent) res.writeHead(400, headers).end('bad path');
    }
  };
}
