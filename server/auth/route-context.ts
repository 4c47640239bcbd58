/**
 * What a REST route handler gets from server/edge/http.ts: the resolved principal and helpers that
 * answer with the security headers. Handlers plugged in via `HttpDeps.routes` (the workshop's)
 * use the same shape as the built-in ones.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Denial, Guard, Principal } from './guard.js';

export interface RouteContext {
  principal: Principal;
  guard: Guard;
  /** JSON answer with the security headers and Cache-Control: no-store. */
  send(res: ServerResponse, status: number, body: unknown, extraHeaders?: Record<string, string>): void;
  /** Send a refusal from requireFacilitator / canReadSession / …. */
  deny(res: ServerResponse, denial: Denial): void;
  /** Validated JSON body, or null after answering 400/413 itself. */
  readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, maxBytes?: number): Promise<z.output<S> | null>;
  /** Security headers for a non-JSON answer (writeHead them yourself). */
  headers: Record<string, string>;
}

/** Answers and returns true, or returns false for a path it does not own. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: RouteContext,
) => Promise<boolean> | boolean;
