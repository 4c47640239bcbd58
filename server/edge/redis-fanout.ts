/**
 * Fan-out across nodes (BRANCHCAST_REDIS_URL): Socket.IO's Redis Streams adapter, the one that
 * also restores a client's session on another node after a drop. A room's owner emits to the
 * room's view channels as before; the adapter carries the frame to every node's sockets in them.
 * Bounded: the stream keeps ~maxLen entries, and a restored session may be at most
 * maxDisconnectionDuration old (Infinity errors upstream). Correctness never rests on the adapter's
 * request/response calls (fetchSockets times out when a node dies): the room's seq and the
 * client's resync do that.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

export const FANOUT_LIMITS = {
  /** Entries kept in the stream: a few seconds of a busy cluster's frames. */
  maxLen: 10_000,
  /** A client that comes back within this long gets the frames it missed replayed. */
  maxDisconnectionDurationMs: 2 * 60_000,
};

export interface RedisFanout {
  adapter: ReturnType<typeof createAdapter>;
  ready(): boolean;
  close(): Promise<void>;
}

export async function openRedisFanout(url: string, log: (m: string) => void): Promise<RedisFanout> {
  const client = createClient({
    url,
    // Keep retrying (Redis restarts): broadcasts resume once it is back.
    socket: { reconnectStrategy: (n: number) => Math.min(100 * (n + 1), 2000), connectTimeout: 5000 },
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log(`redis: ${err.message}`);
    down = true;
  });
  client.on('ready', () => {
    if (down) log('redis: connected again');
    down = false;
  });
  await client.connect();
  return {
    adapter: createAdapter(client, { maxLen: FANOUT_LIMITS.maxLen, streamName: 'branchcast', blockTimeInMs: 2000 }),
    ready: () => client.isReady,
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
