/**
 * Password hashing (argon2id via @node-rs/argon2, its default cost: 19 MiB, 2 passes) and the
 * rules for usernames and passwords. Unknown users are checked against a dummy hash so that a
 * login takes about as long whether or not the name exists.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

// Algorithm is an ambient const enum, which isolatedModules cannot read: Argon2id is 2.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const Username = z
  .string({ error: 'expected a string' })
  .trim()
  .regex(/^[\p{L}\p{N}._-]{2,32}$/u, 'expected 2–32 letters, digits, ".", "_" or "-"');

export const Password = z
  .string({ error: 'expected a string' })
  .min(PASSWORD_MIN, `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`)
  .max(PASSWORD_MAX, `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`);

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

let dummy: Promise<string> | null = null;

/** Make the dummy hash ahead of the first login, so that login is not slower than the others. */
export function warmDummyHash(): void {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
}

/** True if `password` matches `stored`; with no stored hash, spends the same work and says false. */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    warmDummyHash();
    await verify(await dummy!, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
