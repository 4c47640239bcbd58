/**
 * Pre-broadcast script review: the detectors over every host line of a scenario, by segment and
 * line, in both languages. Lines marked `counterExample` are skipped (and reported as skipped):
 * they are written to show what not to say. Used by `branchcast review`, the lobby and CI.
 */
import type { Scenario } from '../scenario.js';
import { CATEGORY_INFO, type Category, type Severity } from './categories.js';
import { checkUtterance } from './check.js';

export interface ReviewFinding {
  lang: 'zh' | 'en';
  category: Category;
  severity: Severity;
  rule: string;
  quote: string;
  start: number;
  end: number;
  explanation: { zh: string; en: string };
  suggestion: { zh: string; en: string };
}

export interface ReviewLine {
  index: number;
  zh: string;
  en: string | null;
  skipped: boolean;
  findings: ReviewFinding[];
}

export interface ScriptReview {
  scenarioId: string;
  segments: Array<{ index: number; id: string; title: { zh: string; en: string }; lines: ReviewLine[] }>;
  counts: { lines: number; skipped: number; findings: number; critical: number };
  /** No critical finding outside the skipped lines. */
  ok: boolean;
}

function findingsOf(text: string, lang: 'zh' | 'en'): ReviewFinding[] {
  return checkUtterance(text).findings.map((f) => ({
    lang,
    category: f.category,
    severity: f.severity,
    rule: f.rule,
    quote: text.slice(f.start, f.end),
    start: f.start,
    end: f.end,
    explanation: CATEGORY_INFO[f.category].explanation,
    suggestion: CATEGORY_INFO[f.category].suggestion,
  }));
}

export function reviewScenario(scenario: Scenario): ScriptReview {
  const counts = { lines: 0, skipped: 0, findings: 0, critical: 0 };
  const segments = scenario.segments.map((seg, si) => ({
    index: si,
    id: seg.id,
    title: seg.title,
    lines: seg.lines.map((line, li): ReviewLine => {
      counts.lines++;
      const skipped = line.counterExample === true;
      if (skipped) counts.skipped++;
      const findings = skipped ? [] : [...findingsOf(line.zh, 'zh'), ...(line.en ? findingsOf(line.en, 'en') : [])];
      counts.findings += findings.length;
      counts.critical += findings.filter((f) => f.severity === 'critical').length;
      return { index: li, zh: line.zh, en: line.en ?? null, skipped, findings };
    }),
  }));
  return { scenarioId: scenario.id, segments, counts, ok: counts.critical === 0 };
}
