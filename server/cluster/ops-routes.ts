/**
 * Operations endpoints of every node, answered before the app's routes: GET /api/health (the
 * process is up), GET /api/ready (it can serve: the database answers and Redis is connected when
 * configured; a load balancer takes a node out on 503), GET /metrics (Prometheus text format).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayCounters } from '../edge/socket-gateway.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { PROTOCOL_VERSION } from '../../core/protocol.js';

export interface OpsDeps {
  nodeId: string;
  rooms: RoomRegistry;
  counters: GatewayCounters;
  sockets: () => number;
  /** Null when this check does not apply (no database, no Redis). */
  dbReady: () => boolean | null;
  redisReady: () => boolean | null;
  /** Append latencies since the last scrape, ms (the PostgreSQL store keeps them). */
  appendMs?: () => number[];
  leaseStats?: () => { renewals: number; renewalsLost: number; acquired: number; lost: number };
  takeoverMs?: () => number[];
  /** The security headers every answer of this server carries (server/edge/http.ts). */
  headers: (req: IncomingMessage) => Record<string, string>;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function opsHandler(deps: OpsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  let events = 0;
  deps.rooms.onDurable((_id, batch) => (events += batch.length));
  const started = Date.now();
  let lastScrape = { at: started, events: 0 };
  return (req, res) => {
    const json = (res: ServerResponse, status: number, body: unknown) =>
      res
        .writeHead(status, {
          ...deps.headers(req),
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(JSON.stringify(body));
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/api/health') {
      json(res, 200, {
        ok: true,
        protocolVersion: PROTOCOL_VERSION,
        node: deps.nodeId,
        uptimeSec: Math.round((Date.now() - started) / 1000),
      });
      return true;
    }
    if (path === '/api/ready') {
      const db = deps.dbReady();
      const redis = deps.redisReady();
      const ok = db !== false && redis !== false;
      json(res, ok ? 200 : 503, { ok, node: deps.nodeId, database: db, redis });
      return true;
    }
    if (path !== '/metrics') return false;
    const now = Date.now();
    const rate = ((events - lastScrape.events) * 1000) / Math.max(1, now - lastScrape.at);
    lastScrape = { at: now, events };
    const owned = deps.rooms.all().filter((r) => r.status !== 'ended').length;
    const append = (deps.appendMs?.().splice(0) ?? []).sort((a, b) => a - b);
    const lease = deps.leaseStats?.();
    const takeovers = deps.takeoverMs?.() ?? [];
    const node = `node="${deps.nodeId.replace(/["\\\n]/g, '_')}"`;
    const lines = [
      '# HELP branchcast_rooms_owned Live rooms this node owns.',
      '# TYPE branchcast_rooms_owned gauge',
      `branchcast_rooms_owned{${node}} ${owned}`,
      '# HELP branchcast_sockets Open Socket.IO connections on this node.',
      '# TYPE branchcast_sockets gauge',
      `branchcast_sockets{${node}} ${deps.sockets()}`,
      '# HELP branchcast_events_total Durable events of the rooms this node owns.',
      '# TYPE branchcast_events_total counter',
      `branchcast_events_total{${node}} ${events}`,
      '# HELP branchcast_events_per_second Durable events per second since the previous scrape.',
      '# TYPE branchcast_events_per_second gauge',
      `branchcast_events_per_second{${node}} ${rate.toFixed(2)}`,
      '# HELP branchcast_append_seconds Append latency since the previous scrape.',
      '# TYPE branchcast_append_seconds summary',
      `branchcast_append_seconds{${node},quantile="0.5"} ${(quantile(append, 0.5) / 1000).toFixed(6)}`,
      `branchcast_append_seconds{${node},quantile="0.99"} ${(quantile(append, 0.99) / 1000).toFixed(6)}`,
      `branchcast_append_seconds_count{${node}} ${append.length}`,
      '# HELP branchcast_rate_limited_total Commands refused by the per-connection limit.',
      '# TYPE branchcast_rate_limited_total counter',
      `branchcast_rate_limited_total{${node}} ${deps.counters.rateLimited}`,
    ];
    if (lease)
      lines.push(
        '# HELP branchcast_lease_renewals_total Room leases renewed by this node.',
        '# TYPE branchcast_lease_renewals_total counter',
        `branchcast_lease_renewals_total{${node}} ${lease.renewals}`,
        '# HELP branchcast_lease_lost_total Room leases this node lost (fenced or lapsed).',
        '# TYPE branchcast_lease_lost_total counter',
        `branchcast_lease_lost_total{${node}} ${lease.lost}`,
        '# HELP branchcast_takeovers_total Rooms this node took over from a node whose lease lapsed.',
        '# TYPE branchcast_takeovers_total counter',
        `branchcast_takeovers_total{${node}} ${takeovers.length}`,
      );
    res
      .writeHead(200, {
        ...deps.headers(req),
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(lines.join('\n') + '\n');
    return true;
  };
}
