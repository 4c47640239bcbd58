/**
 * "先改这三点 / Fix these three first": the few changes that would raise a trainee's next attempt
 * most, in plain words, for the top of the report. Derived only from the report's findings and
 * criteria, so the app and the HTML export say the same.
 *
 * Order (why): a critical finding caps the total below the pass mark, so it comes first whatever
 * else went wrong; then other findings by severity, an uncorrected one before a corrected one and
 * a repeated one before a one-off; then the criteria that lost the most weighted points. One item
 * per compliance category and per criterion, so three items are three different habits.
 */
import type { Bi, CriterionResult, Report, ReportFinding } from './report-model.js';
import type { CriterionKind } from './rubric-schema.js';

export interface FixItem {
  /** One sentence a trainee acts on. */
  text: Bi;
  /** The replay moment that shows it (the first occurrence), when there is one. */
  link: string | null;
  /** A finding's category or a criterion's kind: what the item is about. */
  about: string;
  /** The trainee's own words quoted in `text` (data, in the language they were said), if any. */
  quote: string | null;
}

/** What to do differently, per criterion, when it scored low. */
const CRITERION_TIPS: Record<CriterionKind, Bi> = {
  compliance: {
    zh: '开口前先想一想：不承诺收益、不说保本、不荐个股。',
    en: 'Think before you speak: no promised returns, no "capital safe", no stock tips.',
  },
  response_latency: {
    zh: '观众提问后尽快回应，哪怕先说一句“稍后详细回答”。',
    en: 'Answer questions sooner, even with "I will come back to this in a moment".',
  },
  question_coverage: {
    zh: '每个提问都要回应，直播结束前把没回的问题过一遍。',
    en: 'Answer every question; go through the unanswered ones before you close.',
  },
  script_coverage: {
    zh: '把台词讲完整，尤其是风险提示那几句。',
    en: 'Deliver the whole script, above all the risk lines.',
  },
  segment_timing: {
    zh: '按环节的时长推进，不要在一个环节拖太久或过快跳过。',
    en: 'Keep each segment to its planned length: do not drag or rush it.',
  },
  risk_disclosure: {
    zh: '讲产品时打开风险提示，并口头说明“投资有风险”。',
    en: 'Turn the risk disclosure on when you talk about products, and say that investing carries risk.',
  },
  crisis_handling: {
    zh: '出现错误信息时：先暂停，更正数字，道歉，再继续。',
    en: 'When wrong information shows: pause, correct the figure, apologise, then carry on.',
  },
  lure_handling: {
    zh: '看到“加微信、带单”之类的引流，立刻提醒观众这是诈骗。',
    en: 'When someone lures viewers off the platform, warn the room at once that it is a scam.',
  },
  suitability: {
    zh: '推荐前先问清观众的风险承受能力，只讲适合他的产品。',
    en: "Ask about a viewer's risk tolerance before suggesting anything suitable for them.",
  },
  delivery: { zh: '放慢语速，减少停顿和口头禅。', en: 'Slow down and cut long pauses and filler words.' },
  engagement: { zh: '多和观众互动，点名回应他们的评论。', en: 'Engage the room: reply to comments by name.' },
};

const SEVERITY_RANK = { critical: 0, major: 1, minor: 2 } as const;

interface FindingGroup {
  first: ReportFinding;
  count: number;
  open: number;
  critical: boolean;
}

function groupFindings(findings: readonly ReportFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const g = groups.get(f.category);
    if (!g) groups.set(f.category, { first: f, count: 1, open: f.corrected ? 0 : 1, critical: f.critical });
    else {
      g.count++;
      if (!f.corrected) g.open++;
      if (f.critical) g.critical = true;
      if (f.t < g.first.t) g.first = f;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.critical) - Number(a.critical) ||
      SEVERITY_RANK[a.first.severity] - SEVERITY_RANK[b.first.severity] ||
      Number(b.open > 0) - Number(a.open > 0) ||
      b.count - a.count ||
      a.first.t - b.first.t,
  );
}

function findingItem(g: FindingGroup): FixItem {
  const f = g.first;
  const quote = f.quote || f.text.slice(f.start, f.end);
  const times = g.count > 1 ? { zh: `（${g.count} 处）`, en: ` (${g.count} times)` } : { zh: '', en: '' };
  return {
    text: {
      zh: `别再说“${quote}”这类话：${f.name.zh}${times.zh}。${f.suggestion.zh}`,
      en: `Stop saying things like "${quote}": ${f.name.en.toLowerCase()}${times.en}. ${f.suggestion.en}`,
    },
    link: f.link,
    about: f.category,
    quote,
  };
}

/** Weighted points the criterion lost (what raising it would add to the total). */
const lost = (c: CriterionResult) => (c.applicable && c.score !== null ? c.weight * (100 - c.score) : 0);

function criterionItem(c: CriterionResult): FixItem {
  const tip = CRITERION_TIPS[c.kind];
  return {
    text: {
      zh: `${c.label.zh}只得了 ${c.score} 分：${tip.zh}`,
      en: `${c.label.en} scored ${c.score}: ${tip.en}`,
    },
    link: c.evidence[0]?.link ?? null,
    about: c.kind,
    quote: null,
  };
}

/** A criterion at or above this score is not worth a "fix first" line. */
const GOOD_ENOUGH = 80;

export function fixFirst(report: Pick<Report, 'findings' | 'criteria'>, n = 3): FixItem[] {
  const items = groupFindings(report.findings).map(findingItem);
  const weak = report.criteria
    .filter((c) => c.weight > 0 && c.applicable && c.score !== null && c.score < GOOD_ENOUGH)
    // The compliance criterion only restates the findings listed above it.
    .filter((c) => !(c.kind === 'compliance' && items.length > 0))
    .sort((a, b) => lost(b) - lost(a) || a.kind.localeCompare(b.kind));
  for (const c of weak) items.push(criterionItem(c));
  return items.slice(0, n);
}

/** The section's heading and the line shown when there is nothing to fix. */
export const FIX_FIRST_TEXT = {
  zh: { title: '先改这三点', none: '没有需要优先改进的地方，保持这个水准。' },
  en: { title: 'Fix these three first', none: 'Nothing stands out to fix first: keep it up.' },
} as const;
