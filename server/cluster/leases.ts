/**
 * One owner per room: a row in `room_leases` (session, owner node, epoch, expiry). Taking a room
 * bumps the epoch; renewing keeps it; expiry is on the database's clock (now()), so nodes' clocks
 * need not agree. Every append of a room carries the epoch it was opened with and the store
 * checks it in the same transaction (server/store/pg-store.ts), so an owner that lost its lease
 * (paused, partitioned) cannot write, even before it notices.
 */
import type { AppendFence } from '../store/recording-store.js';
import type { PgSync } from '../store/pg-sync.js';

export interface LeaseTiming {
  /** A lease lasts this long without renewal; takeover happens this long after an owner dies. */
  ttlMs: number;
  /** Renew (and look for rooms to take over) this often; well under ttlMs. */
  renewMs: number;
}

export const LEASE_TIMING: LeaseTiming = { ttlMs: 5000, renewMs: 1000 };

export interface OwnerInfo {
  owner: string;
  epoch: number;
  /** The owner's internal URL (cluster_nodes), where non-owners forward commands. */
  url: string | null;
}

export class Leases {
  /** Renewals done and refused, rooms taken and lost (for /metrics). */
  readonly stats = { renewals: 0, renewalsLost: 0, acquired: 0, lost: 0 };

  constructor(
    private readonly db: PgSync,
    readonly nodeId: string,
    readonly timing: LeaseTiming = LEASE_TIMING,
  ) {}

  /** Say this node is alive at `url` (its address for forwarded commands). */
  heartbeat(url: string): void {
    this.db.exec(
      `INSERT INTO cluster_nodes (node_id, url, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (node_id) DO UPDATE SET url = EXCLUDED.url, seen_at = now()`,
      [this.nodeId, url],
    );
  }

  /**
   * Take the room if nobody holds it (no row, or an expired one); the epoch grows by one. Returns
   * the fence to append with, or null when another node holds a live lease.
   */
  acquire(sessionId: string): AppendFence | null {
    const r = this.db.query<{ epoch: number }>(
      `INSERT INTO room_leases (session_id, owner, epoch, expires_at)
       VALUES ($1, $2, 1, now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (session_id) DO UPDATE
         SET owner = EXCLUDED.owner, epoch = room_leases.epoch + 1, expires_at = EXCLUDED.expires_at
         WHERE room_leases.expires_at <= now()
       RETURNING epoch`,
      [sessionId, this.nodeId, this.timing.ttlMs],
    );
    if (r.length === 0) return null;
    this.stats.acquired++;
    return { owner: this.nodeId, epoch: r[0]!.epoch };
  }

  /**
   * Extend every lease held at its epoch that has not lapsed; returns the ids that were not
   * renewed (lapsed or taken over): their rooms must stop here. A lapsed lease is never revived,
   * even if nobody took it: the room is retaken with a new epoch and folded from the store.
   */
  renew(held: ReadonlyMap<string, AppendFence>): string[] {
    if (held.size === 0) return [];
    const ids = [...held.keys()];
    const epochs = ids.map((id) => held.get(id)!.epoch);
    const kept = this.db.query<{ session_id: string }>(
      `UPDATE room_leases l SET expires_at = now() + make_interval(secs => $2 / 1000.0)
       FROM unnest($3::text[], $4::bigint[]) AS h(id, epoch)
       WHERE l.session_id = h.id AND l.epoch = h.epoch AND l.owner = $1 AND l.expires_at > now()
       RETURNING l.session_id`,
      [this.nodeId, this.timing.ttlMs, ids, epochs],
    );
    const ok = new Set(kept.map((r) => r.session_id));
    const lost = ids.filter((id) => !ok.has(id));
    this.stats.renewals += ok.size;
    this.stats.renewalsLost += lost.length;
    return lost;
  }

  /**
   * Live sessions whose lease lapsed, or that never got one within a lease's length of being
   * registered (their node died while opening them): candidates for this node to take. A room
   * being opened right now has no lease for a moment and is not one.
   */
  orphans(limit = 50): string[] {
    return this.db
      .query<{ id: string }>(
        `SELECT s.id FROM sessions s LEFT JOIN room_leases l ON l.session_id = s.id
         WHERE s.status = 'live' AND (l.expires_at <= now()
           OR (l.session_id IS NULL AND s.registered_at < now() - make_interval(secs => $2 / 1000.0)))
         ORDER BY s.created_at LIMIT $1`,
        [limit, this.timing.ttlMs],
      )
      .map((r) => r.id);
  }

  /** Who holds the room now (a live lease), and where to reach it. */
  ownerOf(sessionId: string): OwnerInfo | null {
    const r = this.db.query<{ owner: string; epoch: number; url: string | null }>(
      `SELECT l.owner, l.epoch, n.url FROM room_leases l LEFT JOIN cluster_nodes n ON n.node_id = l.owner
       WHERE l.session_id = $1 AND l.expires_at > now()`,
      [sessionId],
    )[0];
    return r ?? null;
  }

  /** Give a room up at once (a clean shutdown), so another node need not wait for expiry. */
  release(sessionId: string, fence: AppendFence): void {
    this.db.exec(`UPDATE room_leases SET expires_at = now() WHERE session_id = $1 AND owner = $2 AND epoch = $3`, [
      sessionId,
      fence.owner,
      fence.epoch,
    ]);
  }
}
