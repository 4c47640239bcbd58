/** Join codes: short, unambiguous (no 0/O, 1/I), one per role, random from the OS. */
import { randomInt } from 'node:crypto';
import { ROLES, type Role } from '../../core/events.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function newCodes(): Record<Role, string> {
  const used = new Set<string>();
  const out = {} as Record<Role, string>;
  for (const role of ROLES) {
    let c = newCode();
    while (used.has(c)) c = newCode();
    used.add(c);
    out[role] = c;
  }
  return out;
}
