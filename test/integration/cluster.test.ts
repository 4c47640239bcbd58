/**
 * Several real nodes on one PostgreSQL and one Redis (docs/SCALING.md): the demo room's bots run
 * on node A, observers watch from other nodes, a trainee's commands are forwarded to the owner.
 * Then the owner is killed (-9), a new owner is paused (SIGSTOP) until its lease lapses, Redis is
 * restarted, and login limits are spread over nodes. What is checked is what a user would notice:
 * every event in seq order, no acknowledged event lost, no fork of the recording, one limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { SessionEvent } from '../../core/events.js';
import { startNode, type NodeProc } from '../harness/cluster-nodes.js';
import { startPostgres, startRedis, type Postgres, type Redis } from '../harness/engines.js';
import { enginesRun } from '../harness/pg-fixture.js';
import { connect, emitAck, joinPeer, type Peer } from '../harness/peers.js';
import { PROTOCOL_VERSION } from '../../core/protocol.js';

const LEASE = { BRANCHCAST_LEASE_TTL_MS: '2500', BRANCHCAST_LEASE_RENEW_MS: '500' };
const until = async (pred: () => boolean | Promise<boolean>, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Seqs a peer received after its join snapshot: must go up by one each time. */
function gaps(peer: Peer): number[] {
  let last = peer.join.state.lastSeq;
  const bad: number[] = [];
  for (const e of peer.events) {
    if (e.seq <= last) continue; // a batch that raced the join ack, dropped by seq as the client does
    if (e.seq !== last + 1) bad.push(e.seq);
    last = e.seq;
  }
  return bad;
}

describe.runIf(enginesRun())('cluster: nodes on one PostgreSQL and one Redis', () => {
  let pgc: Postgres;
  let redis: Redis;
  let dbUrl: string;
  const nodes: NodeProc[] = [];
  let codes: { trainee: string; observer: string };
  let sessionId: string;
  const acked: number[] = [];
  const peers: Peer[] = [];
  const node = async (id: string, args: string[] = ['--no-demo']) => {
    const n = await startNode({ id, databaseUrl: dbUrl, redisUrl: redis.url, args, env: LEASE });
    nodes.push(n);
    return n;
  };
  const peer = async (n: NodeProc, code: string, name: string) => {
    const p = await joinPeer(n.url, code, name);
    peers.push(p);
    return p;
  };
  const recorded = async (): Promise<SessionEvent[]> => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const r = await c.query<{ body: string }>('SELECT body FROM events WHERE session_id = $1 ORDER BY seq', [
      sessionId,
    ]);
    await c.end();
    return r.rows.map((x) => JSON.parse(x.body) as SessionEvent);
  };
  const say = async (p: Peer, text: string) => {
    const ack = await p.send('chat.send', { text });
    if (ack.ok) acked.push(ack.seq as number);
    return ack;
  };

  beforeAll(async () => {
    [pgc, redis] = await Promise.all([startPostgres(), startRedis()]);
    dbUrl = pgc.createDatabase('cluster');
  }, 60_000);

  afterAll(async () => {
    for (const p of peers) p.close();
    for (const n of nodes) n.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited()));
    await redis?.stop();
    await pgc?.stop();
  }, 30_000);

  it('bots on node A and an observer on node B see every event in seq order', async () => {
    const a = await node('A', ['--bots', '12']);
    const m = await a.waitOutput(
      /Demo room: \S+ \((\S+)\)\n(?:.*\n)*?\s+trainee code (\S+)\s+facilitator \S+\s+observer (\S+)/,
    );
    sessionId = m[1]!;
    codes = { trainee: m[2]!, observer: m[3]! };
    const b = await node('B');
    const onB = await peer(b, codes.observer, '观察员B');
    const onA = await peer(a, codes.observer, '观察员A');
    const trainee = await peer(b, codes.trainee, '主播');
    expect((await trainee.send('session.start', {})).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await say(trainee, `大家好 ${i}`)).ok).toBe(true);
    await until(() => onB.events.filter((e) => e.actor.role === 'bot').length >= 10, 'bot events on node B');
    const last = Math.max(...acked);
    await until(() => onA.events.some((e) => e.seq >= last) && onB.events.some((e) => e.seq >= last), 'both');
    expect(gaps(onB)).toEqual([]);
    expect(gaps(onA)).toEqual([]);
    // Both observers saw the same events, whichever node they are on.
    const upTo = Math.min(onA.events.at(-1)!.seq, onB.events.at(-1)!.seq);
    const from = Math.max(onA.join.state.lastSeq, onB.join.state.lastSeq);
    const seqs = (p: Peer) => p.events.filter((e) => e.seq > from && e.seq <= upTo).map((e) => e.seq);
    expect(seqs(onB)).toEqual(seqs(onA));
  }, 90_000);

  it('kill -9 of the owner: another node takes the room over, no acknowledged event lost', async () => {
    const [a, b] = nodes as [NodeProc, NodeProc];
    const onB = peers[0]!;
    const trainee = peers[2]!;
    a.kill('SIGKILL');
    await a.exited();
    await b.waitOutput(new RegExp(`took over session ${sessionId}`), 20_000);
    // The trainee's seat on B goes on: its command now reaches the new owner.
    let ack = await say(trainee, '刚才断线了，我们继续');
    if (!ack.ok) ack = await say(trainee, '刚才断线了，我们继续');
    expect(ack.ok).toBe(true);
    const events = await recorded();
    const seqs = new Set(events.map((e) => e.seq));
    for (const s of acked) expect(seqs.has(s)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const newSeq = acked.at(-1)!;
    await until(() => onB.events.some((e) => e.seq === newSeq), 'the observer on B sees the new owner');
    expect(gaps(onB)).toEqual([]);
  }, 60_000);

  it('a paused owner whose lease lapsed is fenced when it wakes', async () => {
    const b = nodes[1]!;
    const c = await node('C');
    const trainee = peers[2]!; // on B, the owner now
    const onC = await peer(c, codes.observer, '观察员C');
    b.kill('SIGSTOP');
    await c.waitOutput(new RegExp(`took over session ${sessionId}`), 20_000);
    const trainee2 = await peer(c, codes.trainee, '主播2');
    expect((await say(trainee2, '我在另一个节点')).ok).toBe(true);
    // Sent to the paused node; handled only when it wakes, under its stale epoch.
    const late = trainee.send('chat.send', { text: '暂停时发的' });
    b.kill('SIGCONT');
    const lateAck = await late;
    await b.waitOutput(new RegExp(`lost the lease of session ${sessionId}|refused a batch`), 20_000);
    if (lateAck.ok) acked.push(lateAck.seq as number);
    const events = await recorded();
    // One recording, no fork: every seq once, in order, and every acknowledged one there.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const s of acked) expect(events.some((e) => e.seq === s)).toBe(true);
    expect(await b.metric('branchcast_rooms_owned')).toBe(0);
    await until(() => onC.events.length > 0, 'events on C');
    expect(gaps(onC)).toEqual([]);
  }, 60_000);

  it('survives a Redis restart: broadcasts reach other nodes again', async () => {
    const [, b, c] = nodes as [NodeProc, NodeProc, NodeProc];
    await redis.restart();
    await until(async () => (await fetch(`${b.url}/api/ready`)).ok && (await fetch(`${c.url}/api/ready`)).ok, 'ready');
    const onB = await peer(b, codes.observer, '观察员B2');
    const trainee2 = peers.find((p) => p.join.role === 'trainee' && p !== peers[2])!;
    let seen = false;
    for (let i = 0; i < 20 && !seen; i++) {
      const ack = await say(trainee2, `重启之后 ${i}`);
      await new Promise((r) => setTimeout(r, 300));
      seen = ack.ok && onB.events.some((e) => e.seq === ack.seq);
    }
    expect(seen).toBe(true);
  }, 60_000);

  it('a resume token from one node brings the same participant back on another', async () => {
    const [, b, c] = nodes as [NodeProc, NodeProc, NodeProc];
    const first = await peer(b, codes.observer, '观察员R');
    first.close();
    const socket = await connect(c.url);
    const ack = await emitAck(socket, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: codes.observer, name: '观察员R', resume: first.join.resumeToken },
    ]);
    socket.disconnect();
    expect(ack).toMatchObject({ ok: true, participantId: first.join.participantId });
  }, 30_000);

  it('login limits hold across nodes', async () => {
    const [, b, c] = nodes as [NodeProc, NodeProc, NodeProc];
    const login = (n: NodeProc) =>
      fetch(`${n.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: n.url },
        body: JSON.stringify({ username: 'wang.li', password: 'wrong-password-123' }),
      }).then((r) => r.status);
    const statuses = [];
    for (const n of [b, c, b, c, b]) statuses.push(await login(n));
    expect(statuses.every((s) => s === 401)).toBe(true);
    // The sixth try is refused wherever it lands: the count is in PostgreSQL, not per node.
    expect(await login(c)).toBe(429);
    expect(await login(b)).toBe(429);
  }, 60_000);
});
