/** The AuthStore contract: the sqlite and memory implementations run this same suite. */
import { describe, expect, it } from 'vitest';
import { AuthStoreError, type AuthStore, type Facilitator } from '../../server/auth/auth-store.js';

const fac = (id: string, username: string, createdAt = 1): Facilitator => ({
  id,
  username,
  passwordHash: `$argon2id$fake-${id}`,
  createdAt,
});

export function authStoreContract(name: string, make: () => AuthStore): void {
  describe(`AuthStore contract: ${name}`, () => {
    it('stores facilitators and finds them by name ignoring case, oldest first', () => {
      const s = make();
      expect(s.countFacilitators()).toBe(0);
      s.addFacilitator(fac('f1', 'Wang.Li', 10));
      s.addFacilitator(fac('f2', 'zhao', 20));
      expect(s.countFacilitators()).toBe(2);
      expect(s.facilitatorByName('WANG.LI')).toEqual(fac('f1', 'Wang.Li', 10));
      expect(s.facilitatorById('f2')?.username).toBe('zhao');
      expect(s.facilitatorByName('nobody')).toBeUndefined();
      expect(s.listFacilitators().map((f) => f.id)).toEqual(['f1', 'f2']);
      s.close();
    });

    it('refuses a username taken in another case, and a duplicate id', () => {
      const s = make();
      s.addFacilitator(fac('f1', 'Wang.Li'));
      expect(() => s.addFacilitator(fac('f9', 'wang.li'))).toThrow(AuthStoreError);
      expect(() => s.addFacilitator(fac('f1', 'other'))).toThrow(AuthStoreError);
      expect(s.countFacilitators()).toBe(1);
      s.close();
    });

    it('finds a web session only before it expires; delete and expiry remove it', () => {
      const s = make();
      s.addFacilitator(fac('f1', 'a1'));
      s.addSession({ tokenHash: 'h1', facilitatorId: 'f1', createdAt: 0, expiresAt: 100 });
      s.addSession({ tokenHash: 'h2', facilitatorId: 'f1', createdAt: 0, expiresAt: 200 });
      expect(s.findSession('h1', 99)).toEqual({ tokenHash: 'h1', facilitatorId: 'f1', createdAt: 0, expiresAt: 100 });
      expect(s.findSession('h1', 100)).toBeUndefined();
      expect(s.deleteExpired(150)).toBe(1);
      expect(s.findSession('h2', 150)).toBeDefined();
      s.deleteSession('h2');
      expect(s.findSession('h2', 150)).toBeUndefined();
      expect(s.findSession('nope', 0)).toBeUndefined();
      s.close();
    });

    it('refuses a web session for an unknown facilitator', () => {
      const s = make();
      expect(() => s.addSession({ tokenHash: 'h', facilitatorId: 'ghost', createdAt: 0, expiresAt: 1 })).toThrow(
        AuthStoreError,
      );
      s.close();
    });

    it('changes a password hash, disables and removes an account with its sessions', () => {
      const s = make();
      s.addFacilitator(fac('f1', 'a1'));
      s.addFacilitator(fac('f2', 'b2'));
      s.addSession({ tokenHash: 'h1', facilitatorId: 'f1', createdAt: 0, expiresAt: 100 });
      s.addSession({ tokenHash: 'h2', facilitatorId: 'f2', createdAt: 0, expiresAt: 100 });
      s.setPasswordHash('f1', '$argon2id$new');
      expect(s.facilitatorById('f1')?.passwordHash).toBe('$argon2id$new');
      s.setDisabled('f1', true);
      expect(s.facilitatorByName('A1')?.disabled).toBe(true);
      s.setDisabled('f1', false);
      expect(s.facilitatorById('f1')?.disabled ?? false).toBe(false);
      s.deleteSessionsOf('f1');
      expect(s.findSession('h1', 0)).toBeUndefined();
      expect(s.findSession('h2', 0)).toBeDefined();
      s.deleteFacilitator('f2');
      expect(s.facilitatorById('f2')).toBeUndefined();
      expect(s.facilitatorByName('b2')).toBeUndefined();
      expect(s.findSession('h2', 0)).toBeUndefined();
      expect(s.countFacilitators()).toBe(1);
      // The name is free again.
      s.addFacilitator(fac('f3', 'B2'));
      expect(s.facilitatorByName('b2')?.id).toBe('f3');
      s.close();
    });

    it('keeps small server secrets', () => {
      const s = make();
      expect(s.getMeta('bot_token')).toBeUndefined();
      s.setMeta('bot_token', 't1');
      s.setMeta('bot_token', 't2');
      expect(s.getMeta('bot_token')).toBe('t2');
      s.close();
    });
  });
}
