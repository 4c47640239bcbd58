/**
 * Request bodies read with a size cap, and JSON bodies validated with a zod schema. A body whose
 * Content-Length is over the cap is refused before it is read (and the rest is drained, so the
 * 413 reaches the client); one that grows past the cap without saying so is cut off.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge(limit));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type JsonBody<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      status: 400 | 413 | 415;
      error: 'BAD_PAYLOAD' | 'TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';
      message: string;
    };

/** The request carries a body (a length over 0, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const len = Number(req.headers['content-length'] ?? 0);
  return (Number.isFinite(len) && len > 0) || req.headers['transfer-encoding'] !== undefined;
}

/** The media type of the request, lower case, without parameters ('' if none). */
export function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Read, parse and validate a JSON body; a failure names the field that was wrong. */
export async function readJson<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  limit: number,
): Promise<JsonBody<z.output<S>>> {
  // A page of another origin can send text/plain or a form without asking first (no CORS
  // preflight); application/json it cannot. So a JSON route takes nothing else.
  if (hasBody(req) && mediaType(req) !== 'application/json') {
    req.resume();
    return {
      ok: false,
      status: 415,
      error: 'UNSUPPORTED_MEDIA_TYPE',
      message: `content-type: expected application/json, got "${mediaType(req) || 'none'}"`,
    };
  }
  let raw: unknown;
  try {
    const buf = await readBody(req, limit);
    raw = buf.length === 0 ? {} : JSON.parse(buf.toString('utf8'));
  } catch (err) {
    if (err instanceof BodyTooLarge)
      return { ok: false, status: 413, error: 'TOO_LARGE', message: `body: ${err.message}` };
    return {
      ok: false,
      status: 400,
      error: 'BAD_PAYLOAD',
      message: `body: ${err instanceof Error ? err.message : 'not JSON'}`,
    };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const i = parsed.error.issues[0];
  const path = i && i.path.length ? i.path.map(String).join('.') : 'body';
  return { ok: false, status: 400, error: 'BAD_PAYLOAD', message: `${path}: ${i?.message ?? 'invalid'}` };
}
