/**
 * Quick replies in the headset: every question of the bots' phrase bank gets three templates,
 * each template exists in both languages, and none of them trips a compliance detector when
 * sent as the answer to that question (a card the trainee presses must never cost points).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHRASES } from '../../core/audience/phrases.js';
import { checkUtterance } from '../../core/rubric/check.js';
import { initialState, type ChatEntry } from '../../core/session.js';
import {
  classifyQuestion,
  quickRepliesFor,
  REPLIES_BY_KIND,
  REPLY_IDS,
  replyLanguage,
  waitingQuestions,
  type ReplyId,
} from '../../core/xr/quick-replies.js';

const LOCALES = join(import.meta.dirname, '../../client/src/locales');
type XrMessages = { replies: Record<string, { title: string; text: string }> };
const messages = {
  zh: JSON.parse(readFileSync(join(LOCALES, 'zh', 'xr.json'), 'utf8')) as XrMessages,
  en: JSON.parse(readFileSync(join(LOCALES, 'en', 'xr.json'), 'utf8')) as XrMessages,
};

const questions = Object.values(PHRASES)
  .flat()
  .filter((p) => p.kind === 'question');

describe('quick replies: choosing templates', () => {
  it.each([
    ['有想赚快钱的吗？扣1拉你进群？', 'scam'],
    ['私下加你微信能多说点吗？', 'scam'],
    ['开户需要准备什么材料？', 'account'],
    ["How can I tell whether an app is a real broker's?", 'account'],
    ['买这个本金会不会亏啊？', 'principal'],
    ["It's as safe as a deposit, right?", 'principal'],
    ['年化到底能拿多少，给个准数？', 'returns'],
    ['敢不敢说一句稳赚？', 'returns'],
    ['代码300xxx明天能买吗？', 'stock_pick'],
    ['Which stock are you heavily invested in yourself?', 'stock_pick'],
    ['基金定投到底是什么意思？', 'general'],
  ])('%s -> %s', (text, kind) => {
    expect(classifyQuestion(text)).toBe(kind);
  });

  it('offers three distinct known templates for every question the bots ask', () => {
    expect(questions.length).toBeGreaterThan(20);
    for (const q of questions) {
      for (const text of [q.zh, q.en]) {
        const ids = quickRepliesFor(text);
        expect(ids, text).toHaveLength(3);
        expect(new Set(ids).size, text).toBe(3);
        for (const id of ids) expect(REPLY_IDS, text).toContain(id);
      }
    }
  });

  it('every template id is used by some kind and written in both languages', () => {
    const used = new Set<ReplyId>(Object.values(REPLIES_BY_KIND).flat());
    expect([...used].sort()).toEqual([...REPLY_IDS].sort());
    for (const lang of ['zh', 'en'] as const)
      for (const id of REPLY_IDS) {
        expect(messages[lang].replies[id]?.title, `${lang} ${id} title`).toBeTruthy();
        expect(messages[lang].replies[id]?.text, `${lang} ${id} text`).toBeTruthy();
      }
  });

  it('answers in the language of the question', () => {
    expect(replyLanguage('开户需要准备什么材料？')).toBe('zh');
    expect(replyLanguage('Can I buy 300xxx tomorrow?')).toBe('en');
  });
});

describe('quick replies: compliance', () => {
  it('no template trips a detector when it answers any bot question, in either language', () => {
    const failures: string[] = [];
    for (const q of questions) {
      for (const lang of ['zh', 'en'] as const) {
        const question = q[lang];
        for (const id of quickRepliesFor(question)) {
          const reply = messages[replyLanguage(question)].replies[id]!.text;
          const { findings } = checkUtterance(reply, question);
          for (const f of findings) failures.push(`${id} -> "${question}": ${f.rule} "${reply.slice(f.start, f.end)}"`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('quick replies: waiting questions', () => {
  const entry = (seq: number, kind: 'chat' | 'question', answerSeq: number | null = null): ChatEntry => ({
    seq,
    t: seq * 100,
    actor: { id: `v${seq}`, name: `viewer ${seq}`, role: 'bot' },
    text: `message ${seq}`,
    kind,
    replyTo: null,
    answerSeq,
  });

  it('lists the waiting questions oldest first, capped, skipping answered ones', () => {
    const s = initialState();
    const chat = [
      entry(3, 'question'),
      entry(4, 'chat'),
      entry(5, 'question', 9),
      entry(6, 'question'),
      entry(7, 'question'),
    ];
    const state = {
      chat,
      questions: [3, 5, 6, 7].map((seq) => ({ seq, t: seq * 100, askedBy: `v${seq}` })),
    };
    expect(waitingQuestions(state, 2).map((e) => e.seq)).toEqual([3, 6]);
    expect(waitingQuestions(state, 10).map((e) => e.seq)).toEqual([3, 6, 7]);
    expect(waitingQuestions(state, 0)).toEqual([]);
    expect(waitingQuestions(s, 3)).toEqual([]);
  });
});
