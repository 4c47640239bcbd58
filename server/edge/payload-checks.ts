/** Edge checks on what a socket sends (docs/PROTOCOL.md, "Connecting"): size in bytes, shape, short messages. */
import { COMMAND_NAMES, CommandSchemas, MAX_PAYLOAD_BYTES, type Ack } from '../../core/protocol.js';

export const isBinary = (v: unknown): v is ArrayBufferView | ArrayBuffer =>
  v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/** Size of a payload in bytes: UTF-8 of its JSON text, or the length of binary data. */
export function tooLarge(payload: unknown): boolean {
  if (payload === undefined || payload === null) return false;
  if (isBinary(payload)) return payload.byteLength > MAX_PAYLOAD_BYTES;
  try {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    // Cheap first: UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 <= MAX_PAYLOAD_BYTES) return false;
    return Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

/** A JSON object as sent (not null, an array, a string or binary data). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || isBinary(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (isBinary(v)) return 'binary data';
  return `a ${typeof v}`;
}

/** Commands whose payload may be empty may also leave it out; every other needs an object. */
export const MAY_OMIT = new Set<string>(COMMAND_NAMES.filter((n) => CommandSchemas[n].safeParse({}).success));

/** Error messages stay short whatever the input was (a payload once got ~100 Buffer method names). */
export const MAX_MESSAGE = 300;
export const shortened = <T extends object>(a: Ack<T>): Ack<T> =>
  !a.ok && a.message.length > MAX_MESSAGE ? { ...a, message: `${a.message.slice(0, MAX_MESSAGE - 1)}…` } : a;
