/**
 * On-premises speech recognition through this server: the browser opens a WebSocket to its own
 * origin (`/api/asr/stream?code=…`), speaking FunASR's 2-pass protocol
 * (core/voice/funasr-protocol.ts); the server opens one to the FunASR runtime named by
 * BRANCHCAST_ASR_URL (or --asr-url) and relays both ways. The browser never needs to reach the
 * ASR host, and the ASR host needs no open port to trainees.
 *
 * What passes is checked: the first message must be a valid 2-pass init (re-serialised, so
 * nothing else rides along), then only binary PCM (bounded per frame and per stream) and
 * `{"is_speaking": false}`; results come back re-serialised with only the protocol's fields.
 * Only the trainee of a live session (by join code) or a facilitator may open a stream; at most a
 * few at once per address.
 *
 *   GET /api/asr  → {funasr: boolean, browser: boolean}: which recognisers the client may use
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  END_OF_SPEECH,
  isEndOfSpeech,
  parseFunAsrInit,
  parseFunAsrResult,
  serialiseFunAsrResult,
} from '../../core/voice/funasr-protocol.js';
import { addressKey } from '../auth/code-gate.js';
import type { Guard } from '../auth/guard.js';
import type { RouteHandler } from '../auth/route-context.js';
import type { RecordingStore } from '../store/recording-store.js';

export const ASR_STREAM_PATH = '/api/asr/stream';

export interface AsrRelayOptions {
  /** ws:// or wss:// of a FunASR runtime server (2-pass); null: no on-premises recognition. */
  upstreamUrl: string | null;
  /** Whether the client may use the browser's own (usually cloud) recognition. */
  browserAllowed: boolean;
  guard: Guard;
  store: Pick<RecordingStore, 'getSession'>;
  maxPerAddress?: number;
  maxTotal?: number;
  /** Audio per stream: 30 minutes of 16 kHz int16 by default. */
  maxStreamBytes?: number;
  log?: (msg: string) => void;
}

const MAX_FRAME_BYTES = 64 * 1024;
/** Messages held while the upstream connection opens (the init and the first audio). */
const MAX_PENDING = 200;

export interface AsrRelay {
  route: RouteHandler;
  /** Relays open now (tests). */
  open(): number;
  close(): void;
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: code, message });
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Error text sent to the browser before closing: zh first, then en. */
const errorFrame = (code: string, zh: string, en: string) => JSON.stringify({ error: code, message: `${zh} / ${en}` });

export function attachAsrRelay(http: HttpServer, opts: AsrRelayOptions): AsrRelay {
  const log = opts.log ?? (() => undefined);
  const maxPerAddress = opts.maxPerAddress ?? 2;
  const maxTotal = opts.maxTotal ?? 64;
  const maxStreamBytes = opts.maxStreamBytes ?? 30 * 60 * 32_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const perAddress = new Map<string, number>();
  const live = new Set<WebSocket>();

  const allowed = async (req: IncomingMessage): Promise<{ status: number; code: string; message: string } | null> => {
    if (!opts.upstreamUrl)
      return { status: 503, code: 'UNAVAILABLE', message: 'no ASR server configured / 未配置语音识别服务器' };
    if (!opts.guard.originAllowed(req))
      return { status: 403, code: 'BAD_ORIGIN', message: 'origin not allowed / 来源不被允许' };
    if (!opts.guard.facilitatorOf(req.headers.cookie)) {
      const ticket = await opts.guard.codeGate.admit(opts.guard.clientAddress(req));
      if (!ticket.ok) return { status: 429, code: 'RATE_LIMITED', message: 'too many codes / 尝试次数过多' };
      const p = opts.guard.principalOf(req);
      if (p.kind !== 'code' || p.role !== 'trainee')
        return { status: 403, code: 'FORBIDDEN', message: "a trainee's join code is needed / 需要学员的加入码" };
      ticket.matched();
      if (opts.store.getSession(p.sessionId)?.status !== 'live')
        return { status: 409, code: 'NOT_LIVE', message: 'the session is not open / 该场次未开放' };
    }
    return null;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let path = '';
    try {
      path = new URL(req.url ?? '/', 'http://local').pathname;
    } catch {
      return;
    }
    if (path !== ASR_STREAM_PATH) return;
    const key = addressKey(opts.guard.clientAddress(req));
    void allowed(req).then(
      (no) => {
        if (no) return refuse(socket, no.status, no.code, no.message);
        if (live.size >= maxTotal || (perAddress.get(key) ?? 0) >= maxPerAddress)
          return refuse(socket, 429, 'LIMIT_REACHED', 'too many recognition streams / 语音识别连接过多');
        wss.handleUpgrade(req, socket, head, (ws) => {
          perAddress.set(key, (perAddress.get(key) ?? 0) + 1);
          live.add(ws);
          ws.once('close', () => {
            live.delete(ws);
            const n = (perAddress.get(key) ?? 1) - 1;
            if (n > 0) perAddress.set(key, n);
            else perAddress.delete(key);
          });
          relay(ws, opts.upstreamUrl!);
        });
      },
      () => refuse(socket, 500, 'INTERNAL', 'error'),
    );
  };

  const relay = (browser: WebSocket, url: string) => {
    const upstream = new WebSocket(url, { maxPayload: MAX_FRAME_BYTES });
    const pending: Array<string | Buffer> = [];
    let initSeen = false;
    let bytes = 0;
    const fail = (code: string, zh: string, en: string) => {
      if (browser.readyState === WebSocket.OPEN) {
        browser.send(errorFrame(code, zh, en));
        browser.close(1011, code);
      }
      upstream.terminate();
    };
    const forward = (m: string | Buffer) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(m);
      else if (pending.length < MAX_PENDING) pending.push(m);
      else fail('OVERLOADED', '语音识别服务器太慢', 'the ASR server is not keeping up');
    };
    browser.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      if (!initSeen) {
        const init = isBinary ? 'the first message must be the JSON init' : parseFunAsrInit(buf.toString('utf8'));
        if (typeof init === 'string')
          return fail('BAD_PAYLOAD', `开始消息无效（${init}）`, `bad first message: ${init}`);
        initSeen = true;
        return forward(JSON.stringify(init));
      }
      if (isBinary) {
        bytes += buf.length;
        if (bytes > maxStreamBytes) return fail('TOO_LONG', '这段语音太长', 'this stream is too long');
        return forward(buf);
      }
      if (isEndOfSpeech(buf.toString('utf8'))) return forward(END_OF_SPEECH);
      fail('BAD_PAYLOAD', '只接受音频和结束消息', 'only audio and the end of speech are accepted');
    });
    browser.on('close', () => {
      // Let FunASR finish the last sentence it was sent, then go.
      if (upstream.readyState === WebSocket.OPEN) upstream.close(1000);
      else upstream.terminate();
    });
    upstream.on('open', () => {
      for (const m of pending.splice(0)) upstream.send(m);
    });
    upstream.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary || browser.readyState !== WebSocket.OPEN) return;
      const r = parseFunAsrResult(data.toString());
      if (r) browser.send(serialiseFunAsrResult(r));
    });
    upstream.on('error', (e) => {
      log(`asr relay: ${url}: ${e.message}`);
      fail('ASR_UNREACHABLE', '连不上语音识别服务器', 'cannot reach the speech-recognition server');
    });
    upstream.on('close', () => {
      if (browser.readyState === WebSocket.OPEN) browser.close(1000, 'asr closed');
    });
  };

  http.on('upgrade', onUpgrade);

  const route: RouteHandler = (req, res, url, ctx) => {
    if (url.pathname !== '/api/asr' || req.method !== 'GET') return false;
    ctx.send(res, 200, { funasr: opts.upstreamUrl !== null, browser: opts.browserAllowed });
    return true;
  };

  return {
    route,
    open: () => live.size,
    close() {
      http.off('upgrade', onUpgrade);
      for (const ws of live) ws.terminate();
      wss.close();
    },
  };
}

/** BRANCHCAST_ASR_URL / --asr-url: a ws:// or wss:// URL, or a clear error. */
export function parseAsrUrl(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new Error(`ASR URL: expected ws://host:port or wss://host:port, got "${v}"`);
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    throw new Error(`ASR URL: expected ws:// or wss://, got "${u.protocol}"`);
  return u.toString();
}
