/**
 * Pre-broadcast script review: the detectors over every host line of a scenario, by segment and
 * line, in both languages. Lines marked `counterExample` are skipped (and reported as skipped):
 * they are written to show what not to say. Used by `branchcast review`, the lobby and CI.
 */
import type { Scenario } from '../scenario.js';
import { suggestionWith, type Category, type Severity } from './categories.js';
import { checkUtterance, type Turn } from './check.js';

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

/** The risk level of the instrument a line names (by code or name), if the scenario has one. */
function riskOf(scenario: Scenario, text: string): string | undefined {
  const hit = scenario.instruments.find(
    (i) => text.includes(i.code) || text.includes(i.name.zh) || (i.name.en !== '' && text.includes(i.name.en)),
  );
  return hit?.risk ?? (scenario.instruments.length === 1 ? scenario.instruments[0]?.risk : undefined);
}

function findingsOf(
  text: string,
  lang: 'zh' | 'en',
  previous: readonly Turn[],
  risk: string | undefined,
): ReviewFinding[] {
  // The segment's previous lines are the context a line is heard in (issue 13 pt 2).
  return checkUtterance(text, { turns: previous }).findings.map((f) => ({
    lang,
    category: f.category,
    severity: f.severity,
    rule: f.rule,
    quote: text.slice(f.start, f.end),
    start: f.start,
    end: f.end,
    explanation: f.explanations,
    suggestion: suggestionWith(f.category, risk),
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
      const prevZh: Turn[] = seg.lines.slice(Math.max(0, li - 2), li).map((l) => ({ speaker: 'host', text: l.zh }));
      const prevEn: Turn[] = seg.lines
        .slice(Math.max(0, li - 2), li)
        .map((l) => ({ speaker: 'host', text: l.en ?? l.zh }));
      const risk = riskOf(scenario, `${line.zh} ${line.en ?? ''}`);
      const findings = skipped
        ? []
        : [...findingsOf(line.zh, 'zh', prevZh, risk), ...(line.en ? findingsOf(line.en, 'en', prevEn, risk) : [])];
      counts.findings += findings.length;
      counts.critical += findings.filter((f) => f.severity === 'critical').length;
      return { index: li, zh: line.zh, en: line.en ?? null, skipped, findings };
    }),
  }));
  return { scenarioId: scenario.id, segments, counts, ok: counts.critical === 0 };
}
