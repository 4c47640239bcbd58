/**
 * The typed Socket.IO connection and a promise wrapper for acked commands. Event names and
 * payloads come from core/protocol.ts, so a protocol change fails typecheck here.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CommandInput,
  CommandName,
  CommandOk,
  ErrorCode,
  JoinOk,
  JoinPayload,
  ServerToClientEvents,
  SyncOk,
} from '../../../core/protocol.js';

export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Failures the client adds to the server's: no answer in time, or no connection to ask on. */
export type ClientErrorCode = ErrorCode | 'TIMEOUT' | 'DISCONNECTED';
export type ClientFailure = { ok: false; code: ClientErrorCode; message: string };
export type ClientAck<T extends object = CommandOk> = ({ ok: true } & T) | ClientFailure;

export type HostCommand = Exclude<CommandName, 'sync'>;

/** SwiftShader browsers and busy workshop laptops are slow: be patient before giving up. */
export const COMMAND_TIMEOUT_MS = 10_000;
export const JOIN_TIMEOUT_MS = 15_000;

export function createSocket(url?: string): TypedSocket {
  const opts = { autoConnect: false, reconnectionDelay: 500, reconnectionDelayMax: 5_000 };
  return url ? io(url, opts) : io(opts);
}

// emitWithAck is typed per event name; a generic wrapper over the union needs one loose view.
type LooseEmitter = { emitWithAck(ev: string, payload: unknown): Promise<unknown> };

async function emitAcked<T extends object>(
  socket: TypedSocket,
  name: string,
  payload: unknown,
  timeoutMs: number,
): Promise<ClientAck<T>> {
  if (!socket.connected) return { ok: false, code: 'DISCONNECTED', message: 'not connected to the server' };
  try {
    const emitter = socket.timeout(timeoutMs) as unknown as LooseEmitter;
    return (await emitter.emitWithAck(name, payload)) as Ack<T>;
  } catch {
    return { ok: false, code: 'TIMEOUT', message: `no answer to ${name} within ${timeoutMs / 1000} s` };
  }
}

export function sendCommand<K extends HostCommand>(
  socket: TypedSocket,
  name: K,
  payload: CommandInput<K>,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<ClientAck<CommandOk>> {
  return emitAcked<CommandOk>(socket, name, payload, timeoutMs);
}

export function sendJoin(socket: TypedSocket, payload: JoinPayload, timeoutMs = JOIN_TIMEOUT_MS) {
  return emitAcked<JoinOk>(socket, 'join', payload, timeoutMs);
}

export function sendSync(socket: TypedSocket, sinceSeq: number, timeoutMs = COMMAND_TIMEOUT_MS) {
  return emitAcked<SyncOk>(socket, 'sync', { sinceSeq }, timeoutMs);
}
