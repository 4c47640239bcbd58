/**
 * This node's part in the cluster: every `renewMs` it says it is alive, renews the leases of the
 * rooms it owns (stopping those it lost), and takes over live rooms whose owner's lease lapsed,
 * folding each from the store and handing it to `onAdopted` (scheduled incidents, audiences).
 * Everything goes through PostgreSQL rows; there is no cluster protocol of our own.
 */
import type { RoomRegistry, Ownership } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { AppendFence } from '../store/recording-store.js';
import type { Leases } from './leases.js';

export interface ClusterNodeDeps {
  leases: Leases;
  log: (m: string) => void;
  /** A room taken over: restore its schedules and bots here. */
  onAdopted?: (room: SessionRoom) => void;
}

export class ClusterNode implements Ownership {
  readonly held = new Map<string, AppendFence>();
  private timer: NodeJS.Timeout | null = null;
  private rooms: RoomRegistry | null = null;
  private url = '';
  private busy = false;
  /** Takeovers done here: ms from noticing the orphan to the room serving (for /metrics). */
  readonly takeovers: number[] = [];
  /** False once the database stopped answering; /api/ready reports it. */
  healthy = true;

  constructor(private readonly deps: ClusterNodeDeps) {}

  get nodeId(): string {
    return this.deps.leases.nodeId;
  }

  acquire(sessionId: string): AppendFence | null {
    return this.deps.leases.acquire(sessionId);
  }

  /** Start renewing and taking over, now that the registry exists and the server listens at `url`. */
  start(rooms: RoomRegistry, url: string): void {
    this.rooms = rooms;
    this.url = url;
    this.deps.leases.heartbeat(url);
    this.timer = setInterval(() => void this.round(), this.deps.leases.timing.renewMs);
    this.timer.unref();
  }

  /** One renewal and takeover round (the timer's, and tests'). */
  async round(): Promise<void> {
    if (this.busy || !this.rooms) return;
    this.busy = true;
    const { leases, log } = this.deps;
    try {
      leases.heartbeat(this.url);
      for (const id of leases.renew(this.held)) {
        leases.stats.lost++;
        log(`lost the lease of session ${id}: another node serves it now`);
        this.rooms.drop(id);
      }
      for (const id of leases.orphans()) {
        const started = performance.now();
        const room = await this.rooms.adopt(id);
        if (!room) continue;
        this.takeovers.push(performance.now() - started);
        this.deps.onAdopted?.(room);
      }
      this.healthy = true;
    } catch (err) {
      // The database is away: appends fail on their own; renewals resume when it is back, and
      // leases that lapsed meanwhile are lost at the next round.
      this.healthy = false;
      log(`cluster round failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.busy = false;
    }
  }

  /** Stop renewing; with `release`, hand every room back at once so another node takes it now. */
  stop(release: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!release) return;
    for (const [id, fence] of this.held) {
      try {
        this.deps.leases.release(id, fence);
      } catch {
        // The lease lapses on its own.
      }
    }
    this.held.clear();
  }
}
