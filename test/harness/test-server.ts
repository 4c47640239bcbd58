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
