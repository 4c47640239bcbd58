/**
 * Per-role views through the transport seam (issue 14 pt 2, issue 15 pt 9), read off the wire with
 * real socket.io-client peers: who directed a viewer's line (`directedBy`) reaches staff seats
 * only — never a trainee's, an observer's or a bot's frames, join snapshot or sync answer — and
 * the console watches through an invisible staff seat that no list shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { LiveSession } from '../../core/workshop/api-types.js';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { connect, emitAck, joinPeer, type Peer, type PeerSocket } from '../harness/peers.js';
import { createSession, facilitatorCookie, startTestServer } from '../harness/test-server.js';
import { io } from 'socket.io-client';

const SCENARIO = 'crisis-drill-wrong-data';
const LINE = '主播，这只基金保本吗？';

let server: RunningServer;
let cookie: string;
let session: { sessionId: string; codes: Record<string, string> };
/** Every raw `events` frame each peer's socket received, as JSON text. */
const wire = new Map<string, string[]>();
const peers: Peer[] = [];

function record(name: string, socket: PeerSocket): void {
  const frames: string[] = [];
  wire.set(name, frames);
  socket.on('events', (batch) => frames.push(JSON.stringify(batch)));
}

async function seat(name: string, code: string, role: string): Promise<Peer> {
  const p = await joinPeer(server.url, code, name, role as never);
  record(role, p.socket);
  peers.push(p);
  return p;
}

/** A socket carrying the facilitator's login cookie, as the console's browser does. */
function withCookie(): Promise<PeerSocket> {
  const socket: PeerSocket = io(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

beforeAll(async () => {
  server = await startTestServer({ defaultRoom: false });
  cookie = await facilitatorCookie(server);
  session = await createSession(server, SCENARIO, cookie);
});

afterAll(async () => {
  for (const p of peers) p.close();
  await server?.close();
});

describe('staff-only fields stay with staff', () => {
  let trainee: Peer;
  let watcher: PeerSocket;
  const watched: SessionEvent[] = [];
  let said: SessionEvent;

  it('a directed line reaches trainee, observer and bot without directedBy; staff sees it', async () => {
    trainee = await seat('小林', session.codes.trainee!, 'trainee');
    await seat('旁听', session.codes.observer!, 'observer');
    const bot = await seat('股海小白', session.codes.bot!, 'bot');
    const staff = await seat('导师', session.codes.facilitator!, 'facilitator');
    watcher = await withCookie();
    watcher.on('events', (b) => watched.push(...b));
    const ack = await emitAck(watcher, 'join', [
      {
        protocolVersion: PROTOCOL_VERSION,
        code: session.codes.observer,
        name: 'wang.li',
        role: 'observer',
        watch: true,
      },
    ]);
    expect(ack.ok).toBe(true);

    expect((await trainee.send('session.start', {})).ok).toBe(true);
    const res = await fetch(`${server.url}/api/live/${session.sessionId}/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ viewerId: bot.join.participantId, text: LINE, kind: 'question' }),
    });
    expect(res.status).toBe(200);

    said = await trainee.waitFor((e) => e.type === 'chat.message' && e.text === LINE);
    const toStaff = await staff.waitFor((e) => e.seq === said.seq);
    expect(toStaff).toMatchObject({ directedBy: { name: 'lin.facilitator' } });
    await peers[1]!.waitFor((e) => e.seq === said.seq);
    for (const role of ['trainee', 'observer']) {
      const frames = wire.get(role)!.join('\n');
      expect(frames, role).toContain(LINE);
      expect(frames, role).not.toContain('directedBy');
    }
    // Bots get no viewer's chat at all (core/audience/subscription.ts), directed or not.
    expect(wire.get('bot')!.join('\n')).not.toContain('directedBy');
    // The recording keeps the mark.
    expect(server.store.readEvents(session.sessionId).find((e) => e.seq === said.seq)).toHaveProperty('directedBy');
  });

  it('nor through sync, nor in a later joiner snapshot', async () => {
    const synced = await trainee.send('sync', { sinceSeq: 0 });
    expect(synced.ok).toBe(true);
    expect(JSON.stringify(synced)).toContain(LINE);
    expect(JSON.stringify(synced)).not.toContain('directedBy');
    const late = await connect(server.url);
    const ack = await emitAck(late, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: session.codes.trainee, name: '小林二号' },
    ]);
    late.disconnect();
    expect(ack.ok).toBe(true);
    expect(JSON.stringify(ack)).toContain(LINE);
    expect(JSON.stringify(ack)).not.toContain('directedBy');
  });

  it('the console watches as an invisible staff seat: it sees directedBy, and no list shows it', async () => {
    await expect.poll(() => watched.some((e) => e.seq === said.seq)).toBe(true);
    expect(watched.find((e) => e.seq === said.seq)).toHaveProperty('directedBy');
    const names = Object.values(server.rooms.get(session.sessionId)!.snapshot().participants).map((p) => p.name);
    expect(names).not.toContain('wang.li');
    const res = await fetch(`${server.url}/api/live`, { headers: { cookie } });
    const { sessions: live } = (await res.json()) as { sessions: LiveSession[] };
    const row = live.find((s) => s.sessionId === session.sessionId)!;
    // Director mode's list: the bot and the observer who joined with a code, not the console.
    expect(row.viewers.map((v) => v.name).sort()).toEqual(['旁听', '股海小白'].sort());
    // A watch seat can only read.
    expect(await emitAck(watcher, 'chat.send', [{ text: 'hi' }])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    watcher.disconnect();
  });

  it('watching without a seat needs a facilitator login', async () => {
    const anon = await connect(server.url);
    const ack = await emitAck(anon, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: session.codes.observer, name: 'x', watch: true },
    ]);
    anon.disconnect();
    expect(ack).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
