/**
 * Open connections per client address (docs/ACCESS.md, "Bounds"), counted at the engine, before
 * any namespace: a raw Engine.IO connection that never says hello to Socket.IO holds a socket too
 * (Socket.IO's connectTimeout closes those). This machine's own connections may be exempt.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { addressKey } from '../auth/code-gate.js';
import { isLoopback, type Guard } from '../auth/guard.js';

export function capConnectionsPerAddress(
  io: Server,
  limits: { maxConnectionsPerAddress: number; exemptLoopback: boolean },
  counters: { overAddressCap: number },
  guard: Guard | undefined,
): void {
  const addressOf = (req: IncomingMessage): string =>
    guard ? guard.clientAddress(req) : (req.socket.remoteAddress ?? '');
  const perAddress = new Map<string, number>();
  io.engine.on(
    'connection',
    (conn: { request: IncomingMessage; close(): void; once(e: 'close', f: () => void): void }) => {
      const address = addressOf(conn.request);
      if (limits.exemptLoopback && isLoopback(address)) return;
      const key = addressKey(address);
      const n = perAddress.get(key) ?? 0;
      if (n >= limits.maxConnectionsPerAddress) {
        counters.overAddressCap++;
        conn.close();
        return;
      }
      perAddress.set(key, n + 1);
      conn.once('close', () => {
        const left = (perAddress.get(key) ?? 1) - 1;
        if (left <= 0) perAddress.delete(key);
        else perAddress.set(key, left);
      });
    },
  );
}
