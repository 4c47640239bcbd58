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
  { ok: true; data: T } | { ok: false; status: 400 | 413; error: 'BAD_PAYLOAD' | 'TOO_LARGE'; message: string };

/** Read, parse and validate a JSON body; a failure names the field that was wrong. */
export async function readJson<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  limit: number,
): Promise<JsonBody<z.output<S>>> {
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
