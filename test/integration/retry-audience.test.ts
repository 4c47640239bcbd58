/**
 * Retry is a retry (issue 12 pt 7), real server, Socket.IO and bots: 从此处重试 gives the branched
 * room back the viewers online at the branch point — the same viewers by name, continuing
 * (docs/RUBRICS.md RY1): their questions open then are still open and still theirs — chatting
 * again soon after, and a trainee who retries sees only their own code, never the facilitator's
 * or observer's.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import type { RunningServer } from '../../server/main.js';
import { joinPeer, until } from '../harness/peers.js';
import { asFacilitator, startTestServer } from '../harness/test-server.js';

const SCENARIO = 'crisis-drill-wrong-data';
let server: RunningServer;
let api: (path: string, init?: RequestInit) => Promise<Response>;
const post = (path: string, body: unknown) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer({ workshopBotTickMs: 50 });
  api = await asFacilitator(server);
});
afterAll(async () => {
  await server?.close();
});

const online = (id: string) => server.rooms.get(id)!.snapshot().audience;
const botNames = (id: string) =>
  Object.values(server.rooms.get(id)!.snapshot().participants)
    .filter((p) => p.online && p.role === 'bot')
    .map((p) => p.name)
    .sort();

describe('retry audience', () => {
  it('RY1: the branch has the viewers of the branch point back as themselves, chatting, and the trainee gets only their code', async () => {
    const cohort = (await (await post('/api/cohorts', { name: '重试' })).json()) as { id: string };
    await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['孙三'] });
    const started = (await (
      await post(`/api/cohorts/${cohort.id}/sessions`, {
        scenarioId: SCENARIO,
        bots: { count: 4, ratePerMinute: 30, rampSec: 0 },
      })
    ).json()) as { sessions: Array<{ sessionId: string; joinCode: string }> };
    const s = started.sessions[0]!;
    const host = await joinPeer(server.url, s.joinCode, '孙三', 'trainee');
    await host.send('session.start', {});
    await until(
      'parent audience',
      () => online(s.sessionId),
      (n) => n >= 2,
      10_000,
    );
    await host.waitFor((e) => e.type === 'chat.message', 15_000);
    // A viewer asks the host something, and it stays open (the host answers nothing before the retry).
    await until(
      'an open question',
      () => server.rooms.get(s.sessionId)!.snapshot().questions.length,
      (n) => n >= 1,
      20_000,
    );
    // The original's host says something that breaks the rules: not the retry's to answer for.
    expect((await host.send('host.say', { text: '这只基金稳赚不赔，保证收益。', lineIndex: null })).ok).toBe(true);
    expect((await host.send('host.say', { text: '欢迎大家来到直播间。', lineIndex: null })).ok).toBe(true);
    const at = server.store.lastSeq(s.sessionId);
    const atBranch = fold(server.store.readEvents(s.sessionId, 1, at));
    const watching = Object.values(atBranch.participants).filter((p) => p.online && p.role === 'bot').length;
    expect(watching).toBeGreaterThan(0);
    const namesAtBranch = Object.values(atBranch.participants)
      .filter((p) => p.online && p.role === 'bot')
      .map((p) => p.name)
      .sort();
    const openAtBranch = atBranch.questions.map((q) => q.seq);
    expect(openAtBranch.length).toBeGreaterThan(0);
    host.close();

    // The trainee retries from that moment with their own code.
    const res = await fetch(`${server.url}/api/sessions/${s.sessionId}/branch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-branchcast-code': s.joinCode },
      body: JSON.stringify({ seq: at }),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { sessionId: string; viewers: number; codes: Record<string, string> };
    expect(made.viewers).toBe(watching);
    expect(Object.keys(made.codes)).toEqual(['trainee']);

    // Before this change the retry's room stayed at 观众 0 with no new chat; then it got new bots.
    // Now the same viewers come back (a held-back viewer the original had already called may
    // follow, as it would have there), and nobody who had left before the branch point.
    const leftBefore = Object.values(atBranch.participants)
      .filter((p) => !p.online && p.role === 'bot' && !namesAtBranch.includes(p.name))
      .map((p) => p.name);
    await until(
      'retry audience',
      () => botNames(made.sessionId),
      (names) => namesAtBranch.every((n) => names.includes(n)),
      10_000,
    );
    expect(online(made.sessionId)).toBeGreaterThanOrEqual(watching);
    for (const n of leftBefore) expect(botNames(made.sessionId)).not.toContain(n);
    const retry = await joinPeer(server.url, made.codes.trainee!, '孙三', 'trainee');
    const chat = (await retry.waitFor(
      (e) => e.type === 'chat.message' && e.seq > at + 1 && e.actor.role === 'bot',
      20_000,
    )) as SessionEvent;
    const branchT = server.store.readEvents(made.sessionId, at + 1, 1)[0]!.t;
    expect(chat.t - branchT).toBeLessThan(30_000);
    expect(namesAtBranch).toContain(chat.actor.name);

    // The retry's report covers only what was said after the branch point and says it is a retry.
    expect((await retry.send('host.say', { text: '投资有风险，入市需谨慎。', lineIndex: null })).ok).toBe(true);
    const report = (await (
      await fetch(`${server.url}/api/sessions/${made.sessionId}/report`, {
        headers: { 'x-branchcast-code': made.codes.trainee! },
      })
    ).json()) as {
      retryOf?: { parentSessionId: string; atSeq: number };
      stats: { hostLines: number };
      findings: unknown[];
    };
    expect(report.retryOf).toMatchObject({ parentSessionId: s.sessionId, atSeq: at });
    expect(report.stats.hostLines).toBe(1);
    expect(report.findings).toEqual([]);
    // The evidence pack signs the same retry-only report, not a score of the whole session.
    const pack = unzipSync(
      new Uint8Array(
        await (
          await fetch(`${server.url}/api/sessions/${made.sessionId}/evidence`, {
            headers: { 'x-branchcast-code': made.codes.trainee! },
          })
        ).arrayBuffer(),
      ),
    );
    const signed = JSON.parse(strFromU8(pack['report.json']!)) as { report: typeof report };
    expect(signed.report.retryOf).toMatchObject({ parentSessionId: s.sessionId, atSeq: at });
    expect(signed.report.stats.hostLines).toBe(1);
    expect(signed.report.findings).toEqual([]);
    const parent = (await (await api(`/api/sessions/${s.sessionId}/report`)).json()) as { findings: unknown[] };
    expect(parent.findings.length).toBeGreaterThan(0);

    // Side by side from the branch point: the same criteria on both sides, each side's own findings.
    const cmp = (await (
      await fetch(`${server.url}/api/sessions/${made.sessionId}/report/compare`, {
        headers: { 'x-branchcast-code': made.codes.trainee! },
      })
    ).json()) as {
      point: { atSeq: number };
      original: { sessionId: string; criteria: Array<{ kind: string }>; findings: unknown[] };
      retry: { sessionId: string; criteria: Array<{ kind: string }>; findings: unknown[] };
      questions: unknown[];
    };
    expect(cmp.point.atSeq).toBe(at);
    expect(cmp.original.sessionId).toBe(s.sessionId);
    expect(cmp.retry.sessionId).toBe(made.sessionId);
    expect(cmp.retry.criteria.map((c) => c.kind)).toEqual(cmp.original.criteria.map((c) => c.kind));
    expect(cmp.retry.findings).toEqual([]);
    expect(Array.isArray(cmp.questions)).toBe(true);

    // The questions open at the branch point are still open in the retry, and still their askers':
    // answering one pleases the viewer who asked it, who says so (a mood report) under the same name.
    const retryState = server.rooms.get(made.sessionId)!.snapshot();
    for (const seq of openAtBranch) expect(retryState.questions.map((q) => q.seq)).toContain(seq);
    const moodOf = (name: string) =>
      atBranch.mood[Object.values(atBranch.participants).find((p) => p.name === name && p.role === 'bot')?.id ?? ''];
    const open = atBranch.chat.filter(
      (c) =>
        openAtBranch.includes(c.seq) &&
        namesAtBranch.includes(c.actor.name) &&
        (moodOf(c.actor.name)?.sentiment ?? 0) < 0.7,
    );
    expect(open.length).toBeGreaterThan(0);
    const asked = open[0]!;
    const reply = await retry.send('chat.send', {
      text: '谢谢提问，投资有风险，请以官方公告为准。',
      replyTo: asked.seq,
    });
    expect(reply.ok).toBe(true);
    const replySeq = reply.ok ? ((reply as { seq?: number }).seq ?? 0) : 0;
    const pleased = await retry.waitFor(
      (e) => e.type === 'viewer.sentiment' && e.actor.name === asked.actor.name && e.seq > replySeq,
      10_000,
    );
    expect(pleased.type === 'viewer.sentiment' && pleased.sentiment).toBeGreaterThan(
      moodOf(asked.actor.name)?.sentiment ?? -1,
    );

    // A retry of the retry: the same viewers again (those online in the retry at that moment), and
    // its report is a retry of the retry, not of the original.
    const at2 = server.store.lastSeq(made.sessionId);
    const atRetry = fold(server.store.readEvents(made.sessionId, 1, at2));
    const namesAtRetry = Object.values(atRetry.participants)
      .filter((p) => p.online && p.role === 'bot')
      .map((p) => p.name)
      .sort();
    expect(namesAtRetry.length).toBeGreaterThan(0);
    retry.close();
    const again = (await (
      await fetch(`${server.url}/api/sessions/${made.sessionId}/branch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-branchcast-code': made.codes.trainee! },
        body: JSON.stringify({ seq: at2 }),
      })
    ).json()) as { sessionId: string; viewers: number; codes: Record<string, string> };
    expect(again.viewers).toBe(namesAtRetry.length);
    await until(
      'the retry of the retry has its audience',
      () => botNames(again.sessionId),
      (names) => namesAtRetry.every((n) => names.includes(n)),
      10_000,
    );
    const second = (await (
      await fetch(`${server.url}/api/sessions/${again.sessionId}/report`, {
        headers: { 'x-branchcast-code': again.codes.trainee! },
      })
    ).json()) as { retryOf?: { parentSessionId: string; atSeq: number } };
    expect(second.retryOf).toMatchObject({ parentSessionId: made.sessionId, atSeq: at2 });
  });

  it('RY1: a retry from before the audience came still gets the audience when the stream starts', async () => {
    const cohort = (await (await post('/api/cohorts', { name: '从头重试' })).json()) as { id: string };
    await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['钱五'] });
    const started = (await (
      await post(`/api/cohorts/${cohort.id}/sessions`, {
        scenarioId: SCENARIO,
        bots: { count: 3, ratePerMinute: 30, rampSec: 0 },
      })
    ).json()) as { sessions: Array<{ sessionId: string; joinCode: string }> };
    const s = started.sessions[0]!;
    // From the very first moment: nobody was watching yet.
    const res = await fetch(`${server.url}/api/sessions/${s.sessionId}/branch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-branchcast-code': s.joinCode },
      body: JSON.stringify({ seq: 1 }),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { sessionId: string; viewers: number; codes: Record<string, string> };
    expect(made.viewers).toBe(0);
    const host = await joinPeer(server.url, made.codes.trainee!, '钱五', 'trainee');
    expect((await host.send('session.start', {})).ok).toBe(true);
    // Before: 观众 0 for good. Now the original's plan brings its viewers in with the stream.
    await until(
      'audience of a retry from the start',
      () => online(made.sessionId),
      (n) => n >= 2,
      15_000,
    );
    host.close();
  });
});
