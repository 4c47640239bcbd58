/** What counts and how (docs/RUBRICS.md CK1, QL1, AW2, CT1–CT2, FD1, CR1–CR2, DN1–DN2, GB1). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../core/rubric/facts.js';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { latencyOf } from '../../core/workshop/progress.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { Recording } from '../harness/events.js';

const root = join(import.meta.dirname, '..', '..');
const scenes = loadScenes(join(root, 'scenes')).scenarios;
const rubrics = loadRubrics(join(root, 'scenes', 'rubrics')).rubrics;
const scenario = scenes.get('anti-fraud-live')!;
const rubric = rubrics.get(scenario.rubric)!;
const crit = (r: ReturnType<typeof scoreEvents>, kind: string) => r.criteria.find((c) => c.kind === kind)!;

describe('CK1 CT1 lures are not questions; one count everywhere', () => {
  it('a lure posted as a question, or as kind lure, never enters question coverage or latency', () => {
    const r = new Recording(scenario).start(1000);
    r.ask(5000, '有想赚快钱的吗？扣1拉你进群？');
    r.add(
      6000,
      { id: 'p-bot2', role: 'bot', name: 'b2' },
      { type: 'chat.message', text: '想要明天的涨停股吗？私信我领？', kind: 'lure', replyTo: null },
    );
    const q = r.ask(7000, '风险测评是什么，必须做吗？');
    r.segment(8000, 2);
    r.reply(20_000, q.seq, '风险测评是了解您风险承受能力的问卷，开户前必须完成，请通过官方App办理。');
    r.end(200_000);
    const f = factsOf(r.events);
    expect(f.questions.map((x) => x.text)).toEqual(['风险测评是什么，必须做吗？']);
    expect(f.lures.length).toBe(2);
    const rep = scoreEvents(r.events, rubric);
    expect(rep.stats.questions).toBe(1);
    expect(rep.stats.lures).toBe(2);
    expect(crit(rep, 'question_coverage').summary.zh).toContain('回复了 1/1 个提问');
  });
});

describe('AW2 nothing before the start is scored', () => {
  it('a question asked in the waiting room is not counted', () => {
    const r = new Recording(scenario);
    r.ask(10_000, '开户需要准备什么材料？');
    r.start(180_000);
    r.end(400_000);
    expect(factsOf(r.events).questions).toEqual([]);
  });
});

describe('QL1 questions later', () => {
  it('a question asked in a questions-later segment waits from the answering segment', () => {
    const r = new Recording(scenario).start(0);
    const q = r.ask(30_000, '开户需要准备什么材料？'); // opening: questions later
    r.segment(120_000, 1); // guest talk: questions later too
    r.segment(540_000, 2); // Q&A
    r.reply(560_000, q.seq, '开户请准备身份证和银行卡，通过官方App办理。');
    r.end(900_000);
    expect(latencyOf(factsOf(r.events)).sumMs).toBe(20_000);
    const rep = scoreEvents(r.events, rubric);
    expect(crit(rep, 'response_latency').summary.zh).toContain('中位数 20 秒');
  });
});

const CLAIM = '这只基金稳赚不赔，保证收益，包赚不亏，年化收益保证20%，稳稳的翻倍！';
const CORRECTION = "更正一下刚才的说法：任何基金都不保本，投资有风险。刚才'稳赚不赔'的说法是错误的，向大家致歉。";
const GOOD = [
  '各位投资者朋友大家好，欢迎来到今天的投资者教育直播。',
  '投资有风险，入市需谨慎，今天的内容不构成投资建议。',
  '请大家只通过官方App和营业部办理业务，遇到可疑情况拨打12386。',
];

describe('FD1 each problem once', () => {
  it('a sentence that fires several rules of one category is one card listing them, counted once', () => {
    const r = new Recording(scenario).start(0);
    r.say(10_000, CLAIM);
    r.end(60_000);
    const rep = scoreEvents(r.events, rubric);
    const cards = rep.findings.filter((f) => f.seq === r.events[2]!.seq);
    expect(cards.filter((f) => f.category === 'promise_of_returns')).toHaveLength(1);
    expect(cards[0]!.rules.length).toBeGreaterThan(1);
    expect(new Set(cards.map((f) => f.category)).size).toBe(cards.length);
    expect(crit(rep, 'compliance').summary.zh).toBe(`1 句发言中发现 ${cards.length} 处合规问题`);
  });
});

describe('CR1–CR2 credit for correcting', () => {
  const session = (correct: boolean) => {
    const r = new Recording(scenario).start(0);
    GOOD.forEach((g, i) => r.say(5000 + i * 5000, g));
    const claim = r.say(30_000, '这只基金稳赚不赔。');
    const fix = correct ? r.say(45_000, CORRECTION) : null;
    r.end(120_000);
    return { rep: scoreEvents(r.events, rubric), claim, fix };
  };

  it('a correction quoting the claim is not a new finding; the earlier one shows 更正于 mm:ss', () => {
    const { rep, claim, fix } = session(true);
    expect(rep.findings.filter((f) => f.seq === fix!.seq)).toEqual([]);
    const f = rep.findings.find((x) => x.seq === claim.seq)!;
    expect(f.corrected).toEqual({ seq: fix!.seq, t: 45_000, streamT: 45_000 });
  });

  it('a prompt correction scores above a claim left standing; a critical one still fails the cap', () => {
    const fixed = session(true).rep;
    const left = session(false).rep;
    expect(crit(fixed, 'compliance').score!).toBeGreaterThan(crit(left, 'compliance').score!);
    expect(fixed.rawTotal).toBeGreaterThan(left.rawTotal);
    expect(fixed.pass).toBe(false);
    expect(fixed.capped || fixed.total < fixed.passMark).toBe(true);
  });
});

describe('DN1–DN2 CT2 doing nothing scores nothing, in whole counts', () => {
  it('a host who only presses start and next scores 0 where speaking or replying was needed', () => {
    const r = new Recording(scenario).start(0);
    r.join(1000, 1);
    r.ask(20_000, '开户需要准备什么材料？', 1);
    r.segment(120_000, 1).segment(540_000, 2);
    r.ask(560_000, 'ETF和普通基金有什么区别？', 1);
    r.add(
      565_000,
      { id: 'p-bot3', role: 'bot', name: 'b3' },
      { type: 'chat.message', text: '免费荐股，扣1进群，vx: abc123', kind: 'lure', replyTo: null },
    );
    r.end(1_200_000);
    const rep = scoreEvents(r.events, rubric);
    expect(crit(rep, 'compliance')).toMatchObject({ applicable: true, score: 0 });
    expect(crit(rep, 'compliance').summary.zh).toBe('主播没有发言');
    expect(crit(rep, 'response_latency')).toMatchObject({ applicable: true, score: 0 });
    expect(crit(rep, 'response_latency').summary.zh).toBe('0/2 个提问得到回复');
    expect(crit(rep, 'question_coverage').score).toBe(0);
    expect(crit(rep, 'lure_handling').score).toBe(0);
    expect(crit(rep, 'lure_handling').summary.zh).toMatch(/^1 条诈骗引流中 0 条得到及时提醒并指向官方渠道，0 条只提醒/);
    expect(rep.rawTotal).toBeLessThan(20);
  });

  it('clicked or typed lines do not earn delivery: 表达未测量（无语音）, its weight shared out openly', () => {
    const r = new Recording(scenario).start(0);
    GOOD.forEach((g, i) => r.say(5000 + i * 1000, g));
    r.end(60_000);
    const d = crit(scoreEvents(r.events, rubric), 'delivery');
    expect(d.applicable).toBe(false);
    expect(d.summary.zh).toMatch(/^表达未测量（无语音）/);
    expect(d.weightNote?.zh).toMatch(/权重 5 按比例分摊/);
    expect(d.points).toBe(0);
  });
});

describe('GB1 grade bands follow the raw score under the cap', () => {
  it('one corrected slip in a good session grades above a careless session; neither passes', () => {
    const good = new Recording(scenario).start(0);
    GOOD.forEach((g, i) => good.say(5000 + i * 5000, g));
    good.say(30_000, '这只基金稳赚不赔。');
    good.say(40_000, CORRECTION);
    good.end(120_000);
    const careless = new Recording(scenario).start(0);
    careless.say(5000, CLAIM);
    careless.say(10_000, '加我微信，我私下带你买，保本保息，错过今天就没了！');
    careless.end(120_000);
    const a = scoreEvents(good.events, rubric);
    const b = scoreEvents(careless.events, rubric);
    expect(a.pass || b.pass).toBe(false);
    expect(a.grade).toBeGreaterThan(b.grade);
    expect(a.rawTotal).toBeGreaterThan(b.rawTotal);
  });
});
