/**
 * /api/auth/* and /api/facilitators: first-facilitator setup, login, logout, who-am-I, and adding
 * colleagues. Errors name the field; unknown user and wrong password get the same answer.
 */
import { z } from 'zod';
import { AuthStoreError } from './auth-store.js';
import { cookieSessionId, requireFacilitator, sessionCookie } from './guard.js';
import { Password, Username } from './passwords.js';
import { handleAccountRoute } from './account-routes.js';
import type { RouteHandler } from './route-context.js';

const MAX_BODY = 4096;

const Credentials = z.strictObject({ username: Username, password: Password });
const Setup = z.strictObject({
  token: z.string().min(1, 'must not be empty').max(256),
  username: Username,
  password: Password,
});
/** Login checks only the shape: the length rules are for new passwords, not a reason to say more. */
const Login = z.strictObject({
  username: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'),
});

export const handleAuthRoute: RouteHandler = async (req, res, url, ctx) => {
  const path = url.pathname;
  const auth = ctx.guard.auth;
  const cookieFor = (id: string) => ({
    'Set-Cookie': sessionCookie(id, ctx.guard.secure(req), Math.floor(auth.sessionTtlMs / 1000)),
  });

  if (path === '/api/auth/me' && req.method === 'GET') {
    const p = ctx.principal;
    if (p.kind === 'facilitator') ctx.send(res, 200, { role: 'facilitator', id: p.id, username: p.username });
    else ctx.send(res, 200, { role: 'anonymous', setupRequired: auth.setupRequired() });
    return true;
  }

  if (path === '/api/auth/setup' && req.method === 'POST') {
    const body = await ctx.readJson(req, Setup, MAX_BODY);
    if (!body) return true;
    const r = await auth.setup(body.token, body.username, body.password);
    if (!r.ok) {
      if (r.error === 'SETUP_DONE')
        ctx.send(res, 409, { error: 'SETUP_DONE', message: 'setup: a facilitator exists already; log in instead' });
      else ctx.send(res, 403, { error: 'BAD_TOKEN', message: 'token: not the setup token printed at start' });
      return true;
    }
    const f = r.facilitator;
    ctx.send(res, 201, { role: 'facilitator', id: f.id, username: f.username }, cookieFor(r.sessionId));
    return true;
  }

  if (path === '/api/auth/login' && req.method === 'POST') {
    const body = await ctx.readJson(req, Login, MAX_BODY);
    if (!body) return true;
    const r = await auth.login(body.username, body.password, ctx.guard.clientAddress(req) || 'unknown');
    if (!r.ok) {
      if (r.error === 'RATE_LIMITED')
        ctx.send(
          res,
          429,
          {
            error: 'RATE_LIMITED',
            message:
              r.reason === 'name'
                ? `too many login attempts for this name; try again in ${r.retryAfter} s`
                : `too many logins at once from this address; try again in ${r.retryAfter} s`,
            retryAfter: r.retryAfter,
          },
          { 'Retry-After': String(r.retryAfter) },
        );
      else if (r.error === 'FORBIDDEN')
        ctx.send(res, 403, { error: 'FORBIDDEN', message: 'this account is disabled; ask a colleague to enable it' });
      else ctx.send(res, 401, { error: 'BAD_LOGIN', message: 'wrong username or password' });
      return true;
    }
    const f = r.facilitator;
    ctx.send(res, 200, { role: 'facilitator', id: f.id, username: f.username }, cookieFor(r.sessionId));
    return true;
  }

  if (path === '/api/auth/logout' && req.method === 'POST') {
    auth.logout(cookieSessionId(req.headers.cookie));
    ctx.send(res, 200, { ok: true }, { 'Set-Cookie': sessionCookie('', ctx.guard.secure(req), 0) });
    return true;
  }

  if (await handleAccountRoute(req, res, url, ctx)) return true;

  if (path === '/api/facilitators') {
    if (req.method !== 'GET' && req.method !== 'POST') return false;
    const d = requireFacilitator(ctx.principal);
    if (d) {
      ctx.deny(res, d);
      return true;
    }
    if (req.method === 'GET') {
      ctx.send(
        res,
        200,
        auth.store
          .listFacilitators()
          .map((f) => ({ id: f.id, username: f.username, createdAt: f.createdAt, disabled: f.disabled === true })),
      );
      return true;
    }
    const body = await ctx.readJson(req, Credentials, MAX_BODY);
    if (!body) return true;
    try {
      const f = await auth.addFacilitator(body.username, body.password);
      ctx.send(res, 201, { id: f.id, username: f.username });
    } catch (err) {
      if (!(err instanceof AuthStoreError)) throw err;
      ctx.send(res, 409, { error: 'DUPLICATE', message: `username: "${body.username}" is taken` });
    }
    return true;
  }
  return false;
};
