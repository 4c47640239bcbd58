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

describe('CK1 lures are not questions', () => {
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
