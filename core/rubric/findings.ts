/**
 * The report's findings, each problem once (docs/RUBRICS.md FD1, CR1): one card per category per
 * utterance — the detector already emits one, and this dedupes defensively by utterance and
 * category, listing every rule that fired — with the correction that retracted it, if any. The
 * compliance criterion, the report, the HTML export, the console and the cohort statistics all
 * count these, so their numbers agree.
 */
import type { Category } from './categories.js';
import { findCorrections, type Correction } from './correction.js';
import type { Facts, Utterance } from './facts.js';

export interface ScoredFinding {
  u: Utterance;
  category: Category;
  /** The first finding's span and rule. */
  start: number;
  end: number;
  rule: string;
  /** Every rule of the category that fired on this utterance, in order, without repeats. */
  rules: string[];
  /** The host line that retracted it (CR1), or null. */
  corrected: Correction | null;
}

export function scoredFindings(facts: Pick<Facts, 'utterances'>, ignore: ReadonlySet<string>): ScoredFinding[] {
  const corrections = findCorrections(facts.utterances);
  const out: ScoredFinding[] = [];
  for (const u of facts.utterances) {
    const first = out.length;
    for (const f of u.findings) {
      if (ignore.has(f.category)) continue;
      const listed = (f as { rules?: readonly string[] }).rules;
      const rules = listed && listed.length > 0 ? listed : [f.rule];
      let card: ScoredFinding | undefined;
      for (let i = first; i < out.length; i++) if (out[i]!.category === f.category) card = out[i];
      if (card) {
        for (const r of rules) if (!card.rules.includes(r)) card.rules.push(r);
        continue;
      }
      out.push({
        u,
        category: f.category,
        start: f.start,
        end: f.end,
        rule: f.rule,
        rules: [...new Set(rules)],
        corrected: corrections.get(u.seq)?.get(f.category) ?? null,
      });
    }
  }
  return out;
}
