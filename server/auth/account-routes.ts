/**
 * A team's accounts (issue 17 pt 8): disable, enable and remove a colleague (never the last
 * account that can log in), change one's own password, and a one-time reset link a colleague
 * makes for someone who forgot theirs (like the setup link: `/reset#token=…`, valid 24 h).
 *
 *   POST   /api/facilitators/:id/disabled   { disabled }     facilitator
 *   DELETE /api/facilitators/:id                              facilitator
 *   POST   /api/facilitators/:id/reset-link                   facilitator → { token, expiresAt }
 *   POST   /api/auth/password               { current, password }  facilitator (own)
 *   POST   /api/auth/reset                  { token, password }    anyone with the token
 */
import { z } from 'zod';
import type { AccountResult } from './auth-service.js';
import { cookieSessionId, requireFacilitator, sessionCookie } from './guard.js';
import { Password } from './passwords.js';
import type { RouteHandler } from './route-context.js';

const MAX_BODY = 4096;
const Disabled = z.strictObject({ disabled: z.boolean() });
const Empty = z.strictObject({});
const ChangePassword = z.strictObject({
  current: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  password: Password,
});
const Reset = z.strictObject({ token: z.string().min(1, 'must not be empty').max(256), password: Password });

const ACCOUNT = /^\/api\/facilitators\/([^/]+)(?:\/(disabled|reset-link))?$/;

export const handleAccountRoute: RouteHandler = async (req, res, url, ctx) => {
  const path = url.pathname;
  const auth = ctx.guard.auth;
  const method = req.method ?? 'GET';
  const refuse = (r: Exclude<AccountResult, { ok: true }>) => {
    if (r.reason === 'NOT_FOUND') ctx.send(res, 404, { error: 'NOT_FOUND', message: 'id: no such facilitator' });
    else if (r.reason === 'LAST')
      ctx.send(res, 409, {
        error: 'INVALID_STATE',
        message: 'the last active facilitator account cannot be disabled or removed',
      });
    else ctx.send(res, 403, { error: 'FORBIDDEN', message: 'current: the current password is wrong' });
  };

  if (path === '/api/auth/reset' && method === 'POST') {
    const body = await ctx.readJson(req, Reset, MAX_BODY);
    if (!body) return true;
    const r = await auth.resetPassword(body.token, body.password);
    if (!r.ok) {
      ctx.send(res, 403, { error: 'BAD_TOKEN', message: 'token: not a reset link that is still valid' });
      return true;
    }
    const f = r.facilitator;
    const cookie = sessionCookie(r.sessionId, ctx.guard.secure(req), Math.floor(auth.sessionTtlMs / 1000));
    ctx.send(res, 200, { role: 'facilitator', id: f.id, username: f.username }, { 'Set-Cookie': cookie });
    return true;
  }

  const m = ACCOUNT.exec(path);
  const own = path === '/api/auth/password' && method === 'POST';
  if (!m && !own) return false;
  const denied = requireFacilitator(ctx.principal);
  if (denied) {
    ctx.deny(res, denied);
    return true;
  }
  const me = ctx.principal as Extract<typeof ctx.principal, { kind: 'facilitator' }>;

  if (own) {
    const body = await ctx.readJson(req, ChangePassword, MAX_BODY);
    if (!body) return true;
    const r = await auth.changePassword(me.id, body.current, body.password, cookieSessionId(req.headers.cookie));
    if (!r.ok) refuse(r);
    else {
      // Every other login of the account ended; this browser gets a fresh session.
      const extra = r.sessionId
        ? { 'Set-Cookie': sessionCookie(r.sessionId, ctx.guard.secure(req), Math.floor(auth.sessionTtlMs / 1000)) }
        : undefined;
      ctx.send(res, 200, { ok: true }, extra);
    }
    return true;
  }

  const id = decodeURIComponent(m![1]!);
  const what = m![2];
  if (what === 'disabled' && method === 'POST') {
    const body = await ctx.readJson(req, Disabled, MAX_BODY);
    if (!body) return true;
    const r = auth.setDisabled(id, body.disabled);
    if (r.ok) ctx.send(res, 200, { ok: true });
    else refuse(r);
    return true;
  }
  if (what === 'reset-link' && method === 'POST') {
    const body = await ctx.readJson(req, Empty, MAX_BODY);
    if (!body) return true;
    const r = auth.createResetToken(id);
    if (r.ok) ctx.send(res, 201, { token: r.token, expiresAt: r.expiresAt });
    else refuse(r);
    return true;
  }
  if (what === undefined && method === 'DELETE') {
    const r = auth.remove(id);
    if (r.ok) ctx.send(res, 200, { ok: true });
    else refuse(r);
    return true;
  }
  ctx.send(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `${method} ${path}: not allowed` });
  return true;
};
