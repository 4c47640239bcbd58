/** Starts the real server on an ephemeral loopback port with an in-memory store by default. */
import { startServer, type RunningServer, type ServerOptions } from '../../server/main.js';

export async function startTestServer(opts: ServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    clientDir: null,
    defaultRoom: { bots: 0 },
    log: () => undefined,
    ...opts,
  });
}

export const TEST_FACILITATOR = { username: 'lin.facilitator', password: 'rehearse-carefully-2026' };

/**
 * A logged-in facilitator's cookie (`bc_session=…`, ready for a Cookie header). Creates the
 * account in the server's store the first time (as `branchcast facilitator add` would), then logs
 * in over HTTP like the console does.
 */
export async function facilitatorCookie(
  server: RunningServer,
  who: { username: string; password: string } = TEST_FACILITATOR,
): Promise<string> {
  const auth = server.access.auth;
  if (!auth.store.facilitatorByName(who.username)) await auth.addFacilitator(who.username, who.password);
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (res.status !== 200) throw new Error(`login as ${who.username}: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  const cookie = set.split(';')[0] ?? '';
  if (!cookie.startsWith('bc_session=')) throw new Error(`login as ${who.username}: no session cookie in "${set}"`);
  return cookie;
}

/** fetch as a logged-in facilitator: `const api = await asFacilitator(server); await api('/api/sessions')`. */
export async function asFacilitator(
  server: RunningServer,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const cookie = await facilitatorCookie(server);
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
}

/** Open a rehearsal room as a facilitator (POST /api/sessions); returns its id and join codes. */
export async function createSession(
  server: RunningServer,
  scenarioId: string,
  cookie?: string,
): Promise<{ sessionId: string; codes: Record<string, string> }> {
  const res = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie ?? (await facilitatorCookie(server)) },
    body: JSON.stringify({ scenarioId }),
  });
  if (res.status !== 201) throw new Error(`create session ${scenarioId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { sessionId: string; codes: Record<string, string> };
}
