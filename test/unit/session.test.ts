/** Reducer and decide(): the rules of docs/SPEC.md that need no server. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/decide.js';
import {
  EVENT_TYPES,
  SYSTEM_ACTOR,
  draft,
  stamp,
  type Actor,
  type EventDraft,
  type SessionEvent,
} from '../../core/events.js';
import { CommandSchemas, type Command } from '../../core/protocol.js';
import { CHAT_WINDOW, fold, initialState, reduce, waitingQuestions, type SessionState } from '../../core/session.js';
import { parseScenario, type Scenario } from '../../core/scenario.js';

const scenarioFile = resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml');
const parsed = parseScenario(readFileSync(scenarioFile, 'utf8'), 'anti-fraud-live.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario: Scenario = parsed.scenario;

const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
const viewer: Actor = { id: 'p-v', role: 'bot', name: '观众' };

/** Build a recording: each entry is [actor, draft], seq and t assigned in order. */
function record(...items: Array<[Actor, EventDraft]>): SessionEvent[] {
  return items.map(([actor, d], i) => stamp(d, i + 1, i * 1000, actor));
}

function cmd<K extends Command['name']>(name: K, payload: unknown): Command {
  return { name, payload: CommandSchemas[name].parse(payload) } as Command;
}

const base = record(
  [SYSTEM_ACTOR, draft.sessionCreated('s1', scenario, 7)],
  [host, draft.participantJoined('p-host', 'trainee', '主播')],
  [viewer, draft.participantJoined('p-v', 'bot', '观众')],
);

describe('reduce', () => {
  it('SC6: folding the same events twice gives equal states, and never mutates its input', () => {
    const before = JSON.stringify(base);
    const a = fold(base);
    const b = fold(base);
    expect(a).toEqual(b);
    expect(JSON.stringify(base)).toBe(before);
    expect(a.scenario?.id).toBe('anti-fraud-live');
    expect(a.rng).toBe(7);
    expect(a.audience).toBe(1); // bots and observers are the audience; the host is not
  });

  it('SC6: handles every event type of the union', () => {
    const seen = new Set<string>();
    const all = record(
      [SYSTEM_ACTOR, draft.sessionCreated('s1', scenario, 7)],
      [viewer, draft.participantJoined('p-v', 'bot', '观众')],
      [host, draft.sessionStarted()],
      [host, draft.segmentAdvanced(1)],
      [host, draft.hostSaid('大家好', 1, 0)],
      [viewer, draft.chatMessage('问题？', 'question', null)],
      [host, draft.incidentScheduled('rumour-wave', 60_000)],
      [SYSTEM_ACTOR, draft.incidentFired('rumour-wave')],
      [host, draft.wallCorrected('rumour-wave', 'stated')],
      [SYSTEM_ACTOR, draft.sessionBranched('s2', 's1', 5)],
      [host, draft.disclosureChanged(true)],
      [host, draft.streamPaused(true)],
      [viewer, draft.viewerSentiment(0.4, 0.7)],
      [viewer, draft.viewerIntent('account_opening')],
      [host, draft.tradeInvited({ code: '609318', side: 'buy', qty: 100, amount: null, riskWording: '中风险' })],
      [viewer, draft.tradeOrder('p-v', { code: '609318', side: 'buy', type: 'market', qty: 100 }, null)],
      [viewer, draft.tradeUnsuitable({ accountId: 'p-v', code: '609318', accountRisk: 'C1', productRisk: 'R3' })],
      [
        viewer,
        draft.tradeFill({
          orderId: 1,
          accountId: 'p-v',
          code: '609318',
          side: 'buy',
          qty: 100,
          price: 18.43,
          feesFen: 500,
          cashDeltaFen: -184800,
        }),
      ],
      [
        viewer,
        draft.tradeRested({ orderId: 2, accountId: 'p-v', code: '609318', side: 'buy', qty: 100, limitPrice: 18 }),
      ],
      [
        viewer,
        draft.tradeReject({ accountId: 'p-v', code: '609318', side: 'buy', reason: 'LOT_SIZE', message: 'odd lot' }),
      ],
      [SYSTEM_ACTOR, draft.marketTicked(1000)],
      [host, draft.audienceConfigured(12, 3)],
      [host, draft.facilitatorNotice('请注意风险提示')],
      [host, draft.helpChanged(true)],
      [
        host,
        draft.voiceSample({
          fromMs: 0,
          toMs: 5000,
          speechMs: 4000,
          syllables: 15,
          pauses: [],
          silenceMs: 0,
          loudnessDbfs: -20,
          pitchSemitoneSd: 2,
        }),
      ],
      [SYSTEM_ACTOR, draft.voiceChunk({ take: 't1', index: 0, startT: 1000, bytes: 100, sha256: 'ab'.repeat(32) })],
      [host, draft.announcementPinned('谨防诈骗')],
      [host, draft.announcementUnpinned()],
      [host, draft.filterChanged(['vx'])],
      [viewer, draft.heldChat('加vx', 'chat', null)],
      [
        host,
        draft.chatDeleted({ targetSeq: 6, authorId: 'p-v', authorName: '观众', kind: 'question', complaint: false }),
      ],
      [host, draft.viewerMuted('p-v', '观众', 60)],
      [host, draft.viewerBlocked('p-v', '观众')],
      [
        host,
        draft.productShown({
          productId: 'demo-money-fund',
          name: { zh: '货基', en: 'MMF' },
          risk: 'R1',
          suitable: { zh: 'C1', en: 'C1' },
          riskLine: '',
        }),
      ],
      [host, draft.productHidden()],
      [SYSTEM_ACTOR, draft.participantLeft('p-v', 'disconnect')],
      [host, draft.sessionEnded('host')],
    );
    let s = initialState();
    for (const e of all) {
      s = reduce(s, e);
      seen.add(e.type);
    }
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
    expect(s.status).toBe('ended');
    expect(s.lastSeq).toBe(all.length);
    expect(s.parent).toEqual({ sessionId: 's1', atSeq: 5 });
    expect(s.sessionId).toBe('s2');
    expect(s.disclosureOn).toBe(true);
    expect(s.paused).toBe(true);
    expect(s.audienceTarget).toEqual({ count: 12, ratePerMinute: 3 });
    expect(s.notice).toMatchObject({ text: '请注意风险提示' });
    expect(s.helpRequestedT).not.toBeNull();
    expect(s.mood['p-v']).toMatchObject({ sentiment: 0.4, trust: 0.7 });
    expect(s.intents.account_opening).toEqual(['p-v']);
  });

  it('tracks the segment, the teleprompter cursor and the clock', () => {
    const s = fold(
      record(
        ...base.map((e) => [e.actor, e] as [Actor, EventDraft]),
        [host, draft.sessionStarted()],
        [host, draft.hostSaid('第一句', 0, 0)],
        [host, draft.hostSaid('自由发挥', 0, null)],
        [host, draft.hostSaid('第三句', 0, 2)],
        [host, draft.segmentAdvanced(1)],
      ),
    );
    expect(s.status).toBe('live');
    expect(s.segmentIndex).toBe(1);
    expect(s.lineCursor).toBe(0);
    expect(s.counters.hostLines).toBe(3);
    expect(s.segmentStartedT).toBe(s.t);
  });

  it('links a host reply to the question it answers; only the first reply counts', () => {
    const events = record(
      ...base.map((e) => [e.actor, e] as [Actor, EventDraft]),
      [viewer, draft.chatMessage('本金安全吗？', 'question', null)], // seq 4
      [viewer, draft.chatMessage('我也想问', 'chat', 4)],
      [host, draft.chatMessage('基金不保本。', 'chat', 4)], // seq 6
      [host, draft.chatMessage('再补充一句。', 'chat', 4)],
    );
    const s = fold(events);
    expect(s.questions.find((q) => q.seq === 4)).toBeUndefined();
    expect(s.chat.find((c) => c.seq === 4)?.answerSeq).toBe(6);
    expect(s.chat.find((c) => c.seq === 5)?.answerSeq).toBeNull();
    expect(s.counters).toMatchObject({ questions: 1, answered: 1, messages: 4 });
    expect(waitingQuestions(s)).toEqual([]);
    expect(waitingQuestions(fold(events.slice(0, 5))).map((q) => q.seq)).toEqual([4]);
  });

  it('keeps a bounded chat window while counting every message', () => {
    const many: Array<[Actor, EventDraft]> = Array.from({ length: CHAT_WINDOW + 50 }, (_, i) => [
      viewer,
      draft.chatMessage(`m${i}`, 'chat', null),
    ]);
    const s = fold(record(...base.map((e) => [e.actor, e] as [Actor, EventDraft]), ...many));
    expect(s.chat).toHaveLength(CHAT_WINDOW);
    expect(s.chat.at(-1)?.text).toBe(`m${CHAT_WINDOW + 49}`);
    expect(s.counters.messages).toBe(CHAT_WINDOW + 50);
  });

  it('a rejoin or a double leave does not miscount the audience', () => {
    const s = fold(
      record(
        ...base.map((e) => [e.actor, e] as [Actor, EventDraft]),
        [viewer, draft.participantJoined('p-v', 'bot', '观众')],
        [SYSTEM_ACTOR, draft.participantLeft('p-v', 'disconnect')],
        [SYSTEM_ACTOR, draft.participantLeft('p-v', 'disconnect')],
      ),
    );
    expect(s.audience).toBe(0);
  });
});

describe('decide', () => {
  const created: SessionState = fold(base);
  const live = reduce(created, stamp(draft.sessionStarted(), 4, 4000, host));

  it('SC9: refuses what does not fit the state', () => {
    expect(decide(created, host, cmd('segment.next', {}))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(decide(created, host, cmd('host.say', { text: '你好' }))).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(decide(live, host, cmd('session.start', {}))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const ended = reduce(live, stamp(draft.sessionEnded('host'), 5, 5000, host));
    expect(decide(ended, viewer, cmd('chat.send', { text: 'hi' }))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('advancing past the last segment ends the session as script-complete', () => {
    const last = reduce(live, stamp(draft.segmentAdvanced(scenario.segments.length - 1), 5, 5000, host));
    const d = decide(last, host, cmd('segment.next', {}));
    expect(d).toEqual({ ok: true, drafts: [draft.sessionEnded('script-complete')] });
  });

  it('a host message is never a question; a viewer question stays one', () => {
    const h = decide(live, host, cmd('chat.send', { text: '有问题吗？', kind: 'question' }));
    expect(h.ok && h.drafts[0]).toMatchObject({ kind: 'chat' });
    const v = decide(live, viewer, cmd('chat.send', { text: '有风险吗？', kind: 'question' }));
    expect(v.ok && v.drafts[0]).toMatchObject({ kind: 'question' });
  });

  it('refuses a teleprompter line that the segment does not have, or an unknown incident', () => {
    const n = scenario.segments[0]!.lines.length;
    expect(decide(live, host, cmd('host.say', { text: 'x', lineIndex: n }))).toMatchObject({
      ok: false,
      code: 'BAD_PAYLOAD',
    });
    expect(decide(live, host, cmd('host.say', { text: 'x', lineIndex: n - 1 })).ok).toBe(true);
    expect(decide(live, host, cmd('incident.fire', { incidentId: 'none' }))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});
