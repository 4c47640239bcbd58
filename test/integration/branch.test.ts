/**
 * Retry from any moment and the verify route (docs/SPEC.md RP8, RP9): a branch is a new live
 * session that starts from the parent's recorded state at a seq; the stored chain is re-checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { ReplayIndex } from '../../core/replay/replay-index.js';
import { fold, type SessionState } from '../../core/session.js';
import { ManualClock } from '../../server/rooms/clock.js';
import type { RunningServer } from '../../server/main.js';
import { MemoryStore } from '../../server/store/memory-store.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

const clock = new ManualClock();
const store = new MemoryStore();
let server: RunningServer;
let parentId: string;
let trainee: Peer;
let bot: Peer;
let cookie: string;

// As a logged-in facilitator (docs/ACCESS.md): the access rules themselves are access-control.test.ts.
const api = (path: string, init?: RequestInit) =>
  fetch(`${server.url}${path}`, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
const post = (path: string, body: unknown) =>
  api(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function allEvents(id: string): Promise<SessionEvent[]> {
  const page = (await (await api(`/api/sessions/${id}/events`)).json()) as { events: SessionEvent[] };
  return page.events;
}

/** What a branch may differ in from its parent at the moment it left it. */
function comparable(s: SessionState): Omit<SessionState, 'sessionId' | 'parent' | 'lastSeq'> {
  const { sessionId: _id, parent: _p, lastSeq: _l, ...rest } = s;
  return rest;
}

beforeAll(async () => {
  server = await startTestServer({ clock, store });
  parentId = server.demo!.sessionId;
  cookie = await facilitatorCookie(server);
  const codes = server.demo!.codes;
  trainee = await joinPeer(server.url, codes.trainee, '主播', 'trainee');
  bot = await joinPeer(server.url, codes.bot, '观众甲', 'bot');
  await trainee.send('session.start', {});
  for (let i = 0; i < 4; i++) {
    clock.advance(1500);
    await bot.send('chat.send', { text: `问题${i}？`, kind: 'question' });
  }
  clock.advance(2000);
  await trainee.send('segment.next', {});
});
afterAll(async () => {
  trainee?.close();
  bot?.close();
  await server?.close();
});

describe('branch: retry from any moment', () => {
  it('RP8: the branch starts from the parent’s state at seq; its seq and clock continue from there', async () => {
    const parentEvents = await allEvents(parentId);
    const at = parentEvents.find((e) => e.type === 'chat.message' && e.text === '问题2？')!.seq;
    const atT = parentEvents[at - 1]!.t;
    clock.advance(60_000); // a minute later, the trainee decides to retry
    const res = await post(`/api/sessions/${parentId}/branch`, { seq: at });
    expect(res.status).toBe(201);
    const made = (await res.json()) as {
      sessionId: string;
      parentSessionId: string;
      atSeq: number;
      lastSeq: number;
      codes: Record<string, string>;
    };
    expect(made).toMatchObject({ parentSessionId: parentId, atSeq: at });
    expect(made.sessionId).not.toBe(parentId);

    const branch = await allEvents(made.sessionId);
    // The parent's events 1..seq, copied as they were.
    expect(branch.slice(0, at)).toEqual(parentEvents.slice(0, at));
    const marker = branch[at]!;
    expect(marker).toMatchObject({
      seq: at + 1,
      t: atT,
      type: 'session.branched',
      parentSessionId: parentId,
      atSeq: at,
    });
    // The state right after the marker is the parent's at seq, apart from the ids.
    const parentAt = new ReplayIndex(parentEvents).stateAtIndex(at - 1);
    const branchAt = fold(branch.slice(0, at + 1));
    expect(comparable(branchAt)).toEqual(comparable(parentAt));
    expect(branchAt.sessionId).toBe(made.sessionId);
    expect(branchAt.parent).toEqual({ sessionId: parentId, atSeq: at });
    expect(branchAt.lastSeq).toBe(at + 1);
    // Whoever was online then has left the branch; nobody else changed.
    const online = Object.values(parentAt.participants).filter((p) => p.online);
    expect(online.length).toBeGreaterThan(0);
    const after = fold(branch);
    for (const p of online) expect(after.participants[p.id]?.online).toBe(false);
    expect(after.lastSeq).toBeGreaterThanOrEqual(made.lastSeq);
    expect(branch.slice(at + 1, at + 1 + online.length).map((e) => e.type)).toEqual(
      online.map(() => 'participant.left'),
    );
    // Then the retry's audience comes back: as many viewers as were online (issue 12 pt 7).
    expect(branch.slice(at + 1 + online.length).map((e) => e.type)).toContain('audience.configured');

    // The trainee retries: joins with the new code; seq and t go on from the moment.
    const retry = await joinPeer(server.url, made.codes.trainee!, '主播', 'trainee');
    try {
      expect(retry.join.state.status).toBe('live');
      expect(retry.join.state.segmentIndex).toBe(parentAt.segmentIndex);
      clock.advance(3000);
      const ack = await retry.send('chat.send', { text: '重新回答：投资有风险', kind: 'chat', replyTo: null });
      expect(ack.ok).toBe(true);
      const last = (await allEvents(made.sessionId)).findLast(
        (e) => e.type === 'chat.message' && e.text === '重新回答：投资有风险',
      )!;
      expect(last.seq).toBeGreaterThan(after.lastSeq + 1); // after its join
      expect(last.t).toBeGreaterThanOrEqual(atT + 3000);
      expect(last.t).toBeLessThan(atT + 60_000);
    } finally {
      retry.close();
    }

    // The sessions list shows the branch under its parent.
    const list = (await (await api('/api/sessions')).json()) as Array<{
      sessionId: string;
      parent: { sessionId: string; atSeq: number } | null;
    }>;
    expect(list.find((s) => s.sessionId === made.sessionId)?.parent).toEqual({ sessionId: parentId, atSeq: at });
    expect(list.find((s) => s.sessionId === parentId)?.parent).toBeNull();

    // A branch of the branch names its own parent.
    const again = (await (await post(`/api/sessions/${made.sessionId}/branch`, { seq: at + 1 })).json()) as {
      sessionId: string;
    };
    const list2 = (await (await api('/api/sessions')).json()) as Array<{
      sessionId: string;
      parent: { sessionId: string; atSeq: number } | null;
    }>;
    expect(list2.find((s) => s.sessionId === again.sessionId)?.parent).toEqual({
      sessionId: made.sessionId,
      atSeq: at + 1,
    });
  });

  it('RP8: refuses a seq outside the recording, a moment after the end, and an unknown session', async () => {
    expect((await post(`/api/sessions/${parentId}/branch`, { seq: 0 })).status).toBe(400);
    expect((await post(`/api/sessions/${parentId}/branch`, { seq: 'x' })).status).toBe(400);
    expect((await post(`/api/sessions/${parentId}/branch`, { seq: 10 ** 6 })).status).toBe(400);
    expect((await post(`/api/sessions/nope/branch`, { seq: 1 })).status).toBe(404);
    await trainee.send('session.end', {});
    const last = (await allEvents(parentId)).at(-1)!.seq;
    const ended = await post(`/api/sessions/${parentId}/branch`, { seq: last });
    expect(ended.status).toBe(409);
    expect(((await ended.json()) as { message: string }).message).toMatch(/ended/);
    expect((await post(`/api/sessions/${parentId}/branch`, { seq: last - 1 })).status).toBe(201);
  });
});

describe('verify route', () => {
  it('RP9: an intact session verifies; an altered stored event is named by its seq', async () => {
    const ok = (await (await api(`/api/sessions/${parentId}/verify`)).json()) as {
      ok: boolean;
      events: number;
      brokenSeq: number | null;
    };
    expect(ok).toMatchObject({ ok: true, brokenSeq: null });
    expect(ok.events).toBe(store.lastSeq(parentId));
    // Alter one stored event behind the store's back (what a hand-edited database would be).
    const raw = (store as unknown as { events: Map<string, SessionEvent[]> }).events.get(parentId)!;
    const victim = raw.find((e) => e.type === 'chat.message')!;
    (victim as { text: string }).text += '!';
    const bad = (await (await api(`/api/sessions/${parentId}/verify`)).json()) as {
      ok: boolean;
      brokenSeq: number | null;
      message: string;
    };
    expect(bad).toMatchObject({ ok: false, brokenSeq: victim.seq });
    expect(bad.message).toContain(String(victim.seq));
    expect((await api('/api/sessions/nope/verify')).status).toBe(404);
  });
});
