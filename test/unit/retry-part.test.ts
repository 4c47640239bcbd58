/**
 * A retry owes what was open at the branch point (docs/RUBRICS.md RY2): questions still waiting
 * then and lures still standing (recent, not yet warned about) are the retry's to handle; what
 * the original already answered or warned about is not.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { retryFacts, retryPointOf } from '../../core/rubric/retry-part.js';
import { parseRubric } from '../../core/rubric/rubric-schema.js';
import { evaluate } from '../../core/rubric/scorer.js';
import { parseScenario } from '../../core/scenario.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const HOST: Actor = { id: 'host', role: 'trainee', name: '主播' };
const BOT: Actor = { id: 'b1', role: 'bot', name: '股海小白' };

function recording() {
  const events: SessionEvent[] = [];
  const at = (t: number, actor: Actor, d: EventDraft) => {
    const e = stamp(d, events.length + 1, t, actor);
    events.push(e);
    return e;
  };
  at(0, SYSTEM_ACTOR, draft.sessionCreated('p', scenario, 1));
  at(0, BOT, draft.participantJoined(BOT.id, 'bot', BOT.name));
  at(1000, HOST, draft.sessionStarted());
  const answered = at(10_000, BOT, draft.chatMessage('这个产品风险大吗？', 'question', null));
  at(15_000, HOST, draft.chatMessage('风险等级 R3，请先做风险测评。', 'chat', answered.seq));
  const warned = at(20_000, BOT, draft.chatMessage('加我微信进群，带你稳赚！', 'lure', null));
  at(25_000, HOST, draft.hostSaid('提醒大家：进群荐股是诈骗，请认准官方渠道 12386。', 0, null));
  const old = at(30_000, BOT, draft.chatMessage('私信我领内幕消息', 'lure', null));
  const open = at(200_000, BOT, draft.chatMessage('现在能买吗？', 'question', null));
  const standing = at(210_000, BOT, draft.chatMessage('扣1拉你进群领牛股', 'lure', null));
  const atSeq = standing.seq;
  at(220_000, SYSTEM_ACTOR, draft.sessionBranched('r', 'p', atSeq));
  // The retry answers the open question and warns about the standing lure, then slips.
  const reply = at(230_000, HOST, draft.chatMessage('这个问题：投资有风险，请以公告为准。', 'chat', open.seq));
  at(235_000, HOST, draft.hostSaid('请大家不要进群，这是诈骗，认准官方渠道 12386。', 0, null));
  const slip = at(241_000, HOST, draft.hostSaid('这只基金稳赚不赔，保证收益。', 0, null));
  return { events, answered, warned, old, open, standing, reply, slip };
}

describe('RY2 the retry owes what was open at the branch point', () => {
  const r = recording();
  const point = retryPointOf(r.events)!;
  const facts = retryFacts(r.events, point);

  it('a question open at the branch point is in the retry, waiting from the branch point; one answered before is not', () => {
    expect(facts.questions.map((q) => q.seq)).toEqual([r.open.seq]);
    expect(facts.questions[0]!.answerSeq).toBe(r.reply.seq);
    expect(facts.startedT).toBe(point.atT);
  });

  it('a recent lure nobody warned about stands in the retry from the branch point; warned or old ones do not', () => {
    expect(facts.lures.map((l) => l.seq)).toEqual([r.standing.seq]);
    expect(facts.lures[0]!.t).toBe(point.atT);
    expect(facts.lures.map((l) => l.seq)).not.toContain(r.warned.seq);
    expect(facts.lures.map((l) => l.seq)).not.toContain(r.old.seq);
  });
});

describe('ST2 a retry reads on the session’s one clock', () => {
  const r = recording();
  const point = retryPointOf(r.events)!;
  const text = readFileSync(resolve(import.meta.dirname, '../../scenes/rubrics/anti-fraud-default.yaml'), 'utf8');
  const rubric = parseRubric(text, 'anti-fraud-default.yaml');
  if (!rubric.ok) throw new Error(rubric.errors.join('\n'));
  const report = evaluate(retryFacts(r.events, point), rubric.rubric);

  it('a finding in the retry is reported at the HUD time the retry showed (from session.start, not the branch point)', () => {
    const f = report.findings.find((x) => x.seq === r.slip.seq)!;
    expect(f).toBeDefined();
    // Before: 00:21 (counted from the branch point at 03:39); the HUD read 04:00.
    expect(f.streamT).toBe(r.slip.t - 1000);
    expect(report.stats.startedT).toBe(1000);
    // The retried part is still only what came after the branch point.
    expect(report.stats.durationMs).toBe(r.slip.t - point.atT);
  });
});
