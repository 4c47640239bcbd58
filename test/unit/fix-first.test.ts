/** "先改这三点": what the report tells a trainee to change first, from its findings and criteria. */
import { describe, expect, it } from 'vitest';
import { CATEGORY_INFO, type Category } from '../../core/rubric/categories.js';
import { fixFirst } from '../../core/rubric/fix-first.js';
import type { CriterionResult, ReportFinding } from '../../core/rubric/report-model.js';
import type { CriterionKind } from '../../core/rubric/rubric-schema.js';

function finding(category: Category, t: number, quote: string, opts: { critical?: boolean; corrected?: boolean } = {}) {
  const info = CATEGORY_INFO[category];
  const text = `大家好，${quote}，欢迎关注。`;
  const start = text.indexOf(quote);
  return {
    seq: t,
    t,
    streamT: t,
    source: 'host',
    category,
    name: info.name,
    severity: info.severity,
    critical: opts.critical ?? info.severity === 'critical',
    rule: 'R1',
    rules: ['R1'],
    corrected: opts.corrected ? { seq: t + 1, t: t + 1, streamT: t + 1 } : null,
    law: info.source,
    quote,
    text,
    start,
    end: start + quote.length,
    explanation: info.explanation,
    suggestion: info.suggestion,
    link: `/replay/s?seq=${t}`,
  } satisfies ReportFinding;
}

function criterion(kind: CriterionKind, score: number | null, weight = 10): CriterionResult {
  return {
    kind,
    label: { zh: kind, en: kind },
    weight,
    applicable: score !== null,
    score,
    points: 0,
    summary: { zh: '', en: '' },
    evidence: [{ seq: 1, t: 1, note: { zh: '', en: '' }, link: `/replay/s?seq=${kind.length}` }],
  };
}

describe('fixFirst', () => {
  it('puts the critical finding first, one line per category, with the words said and what to say instead', () => {
    const items = fixFirst({
      findings: [
        finding('absolute_terms', 10, '最好的'),
        finding('promise_of_returns', 50, '稳赚不赔'),
        finding('absolute_terms', 5, '第一名'),
        finding('absolute_terms', 20, '绝对'),
      ],
      criteria: [criterion('compliance', 20, 40), criterion('response_latency', 30)],
    });
    expect(items.map((i) => i.about)).toEqual(['promise_of_returns', 'absolute_terms', 'response_latency']);
    expect(items[0]!.text.zh).toContain('稳赚不赔');
    expect(items[0]!.text.zh).toContain(CATEGORY_INFO.promise_of_returns.suggestion.zh);
    // The repeated category quotes its first occurrence and says how often it came.
    expect(items[1]!.text.zh).toContain('第一名');
    expect(items[1]!.text.zh).toContain('3 处');
    expect(items[1]!.link).toBe('/replay/s?seq=5');
    expect(items[1]!.text.en).toContain('3 times');
    // Apart from the quoted words, no Chinese in the English line; no English severity words in the Chinese one.
    for (const i of items) {
      expect(i.text.en.replace(/"[^"]*"/, '')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(i.text.zh).not.toMatch(/\b(critical|major|minor)\b/);
    }
  });

  it('without findings, names the criteria that lost the most weighted points, never a good one', () => {
    const items = fixFirst({
      findings: [],
      criteria: [
        criterion('question_coverage', 50, 10), // lost 500
        criterion('risk_disclosure', 60, 30), // lost 1200
        criterion('delivery', 95, 50), // good enough
        criterion('crisis_handling', null, 20), // not applicable
        criterion('engagement', 70, 10), // lost 300
        criterion('segment_timing', 75, 5), // lost 125
      ],
    });
    expect(items.map((i) => i.about)).toEqual(['risk_disclosure', 'question_coverage', 'engagement']);
    expect(items[0]!.text.zh).toContain('60 分');
  });

  it('an uncorrected finding comes before a corrected one of the same severity', () => {
    const items = fixFirst({
      findings: [
        finding('absolute_terms', 1, '最好', { corrected: true }),
        finding('disparaging_competitors', 2, '别家都是骗子'),
      ],
      criteria: [],
    });
    expect(CATEGORY_INFO.absolute_terms.severity).toBe(CATEGORY_INFO.disparaging_competitors.severity);
    expect(items.map((i) => i.about)).toEqual(['disparaging_competitors', 'absolute_terms']);
  });

  it('says nothing when there is nothing to fix', () => {
    expect(fixFirst({ findings: [], criteria: [criterion('delivery', 90)] })).toEqual([]);
  });
});
