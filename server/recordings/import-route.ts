/**
 * `POST /api/recordings` (docs/RECORDING.md, docs/ACCESS.md: a facilitator): import a recording
 * file as sent — plain or gzipped, capped before and after decompression, checked line by line
 * and by its signature — or refuse it whole with the reason; nothing is ever imported half.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteContext } from '../auth/route-context.js';
import { BodyTooLarge, mediaType, readBody } from '../edge/http-body.js';
import { StoreError, type RecordingStore } from '../store/recording-store.js';
import { DecompressedTooLarge, gunzipCapped, isGzip } from './gunzip-capped.js';
import { MAX_RECORDING_BYTES, readRecording, RecordingFileError } from './recording-file.js';
import { importRecording } from './recording-import.js';
import type { SignatureStore } from './signature-store.js';
import { describeSignature, type Signer } from './signing.js';

/** What an import may be sent as: none of them can be sent cross-origin without a CORS preflight. */
export const RECORDING_TYPES = [
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
  'application/x-ndjson',
  'application/jsonl',
];

const MAX_UPLOAD = 64 * 1024 * 1024;

export interface ImportRouteDeps {
  store: RecordingStore;
  signer?: Signer;
  signatures?: SignatureStore;
}

/** Answers the import (the caller has checked the principal). */
export async function importRoute(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ImportRouteDeps,
  send: RouteContext['send'],
): Promise<void> {
  const { store } = deps;
  if (!RECORDING_TYPES.includes(mediaType(req))) {
    req.resume();
    send(res, 415, {
      error: 'UNSUPPORTED_MEDIA_TYPE',
      message: `content-type: expected ${RECORDING_TYPES.join(', ')}, got "${mediaType(req) || 'none'}"`,
    });
    return;
  }
  let data: Buffer;
  try {
    data = await readBody(req, MAX_UPLOAD);
  } catch (err) {
    if (err instanceof BodyTooLarge) send(res, 413, { error: 'TOO_LARGE', message: `body: ${err.message}` });
    else send(res, 400, { error: 'BAD_PAYLOAD', message: `body: ${(err as Error).message}` });
    return;
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
      return;
    }
  }
  let r;
  try {
    r = readRecording('upload', data);
  } catch (err) {
    if (err instanceof RecordingFileError) {
      send(res, 400, { error: 'BAD_RECORDING', message: `refused, nothing imported: ${err.message}` });
      return;
    }
    throw err;
  }
  if (r.signature.status === 'mismatch') {
    send(res, 400, {
      error: 'BAD_RECORDING',
      message: `refused, nothing imported: ${describeSignature(r.signature)}`,
    });
    return;
  }
  if (store.getSession(r.header.sessionId)) {
    send(res, 409, { error: 'DUPLICATE', message: `session ${r.header.sessionId} is already here` });
    return;
  }
  let codes;
  try {
    ({ codes } = importRecording(store, r, deps.signatures));
  } catch (err) {
    if (err instanceof StoreError) {
      send(res, 409, { error: 'DUPLICATE', message: `refused, nothing imported: ${err.message}` });
      return;
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
  return;
}
