/**
 * HTTP edge: a small REST API for the lobby and the built client as static files. Socket.IO
 * shares the server and answers its own path before this handler sees a request.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../core/protocol.js';
import type { Scenario } from '../core/scenario.js';
import type { RoomRegistry } from './rooms/room-registry.js';
import { readBody } from './http-body.js';
import { handleReportRoute, type ReportDeps } from './report-routes.js';
import { handleRecordingRoute, type RecordingRouteDeps } from './recording-routes.js';

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
  // Everything the client needs ships with it: no third-party origin is ever allowed.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self' ws: wss:; worker-src 'self' blob:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

const CreateSession = z.strictObject({ scenarioId: z.string().min(1).max(64) });
const MAX_BODY = 4096;

export interface HttpDeps {
  rooms: RoomRegistry;
  scenarios: Map<string, Scenario>;
  /** Folder with the built client (index.html, assets/), or null when the client is served by Vite. */
  clientDir: string | null;
  /** Reports, script review and rubrics (server/report-routes.ts); absent: those routes 404. */
  reports?: ReportDeps;
  /** Sessions list, events for replay, recording files, annotations (server/recording-routes.ts). */
  recordings?: RecordingRouteDeps;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const api = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
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
      const room = deps.rooms.demo();
      if (!room) return send(res, 404, { error: 'NOT_FOUND', message: 'no demo room is open' });
      return send(res, 200, { sessionId: room.id, scenarioId: room.record.scenarioId, codes: room.record.codes });
    }
    if (req.method === 'POST' && path === '/api/sessions') {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8'));
      } catch (err) {
        return send(res, 400, {
          error: 'BAD_PAYLOAD',
          message: `body: ${err instanceof Error ? err.message : 'not JSON'}`,
        });
      }
      const parsed = CreateSession.safeParse(body);
      if (!parsed.success) {
        return send(res, 400, {
          error: 'BAD_PAYLOAD',
          message: `body: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        });
      }
      const scenario = deps.scenarios.get(parsed.data.scenarioId);
      if (!scenario)
        return send(res, 404, { error: 'NOT_FOUND', message: `scenarioId: no scenario "${parsed.data.scenarioId}"` });
      const room = await deps.rooms.create(scenario);
      return send(res, 201, { sessionId: room.id, codes: room.record.codes });
    }
    if (
      deps.reports &&
      handleReportRoute(req, res, new URL(req.url ?? '/', 'http://local'), deps.reports, send, SECURITY_HEADERS)
    )
      return;
    if (
      deps.recordings &&
      (await handleRecordingRoute(
        req,
        res,
        new URL(req.url ?? '/', 'http://local'),
        deps.recordings,
        send,
        SECURITY_HEADERS,
      ))
    )
      return;
    return send(res, 404, { error: 'NOT_FOUND', message: `${req.method} ${path}: no such route` });
  };

  const serveStatic = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (!deps.clientDir) {
      res.writeHead(404, SECURITY_HEADERS).end('The client is served by the Vite dev server.');
      return;
    }
    const root = deps.clientDir;
    const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
    let file = join(root, rel);
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(400, SECURITY_HEADERS).end('bad path');
      return;
    }
    let st = statSync(file, { throwIfNoEntry: false });
    if (!st || st.isDirectory()) {
      // Client-side routes fall back to the app; missing assets are real 404s.
      if (rel.startsWith('assets/') || extname(rel) !== '') {
        res.writeHead(404, SECURITY_HEADERS).end('not found');
        return;
      }
      file = join(root, 'index.html');
      st = statSync(file, { throwIfNoEntry: false });
      if (!st) {
        res.writeHead(503, SECURITY_HEADERS).end('client not built: run `npm run build`');
        return;
      }
    }
    const immutable = rel.startsWith('assets/');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
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
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://local').pathname;
    } catch {
      res.writeHead(400, SECURITY_HEADERS).end('bad url');
      return;
    }
    if (path.startsWith('/api/')) {
      api(req, res, path).catch((err: unknown) => {
        if (!res.headersSent)
          send(res, 500, { error: 'INTERNAL', message: err instanceof Error ? err.message : 'error' });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    try {
      serveStatic(req, res, path);
    } catch {
      if (!res.headersSent) res.writeHead(400, SECURITY_HEADERS).end('bad path');
    }
  };
}
