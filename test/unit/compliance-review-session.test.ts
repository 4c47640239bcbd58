/**
 * What a trainee and a reviewer notice: a careful simulated session with ONE rhetorical slip
 * planted no longer passes, and `branchcast review` (reviewScenario) finds subtle violations
 * planted in a script (test/fixtures/compliance/planted-script.json, written for this test)
 * while their compliant look-alikes stay clean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { suggestionWith } from '../../core/rubric/categories.js';
import { reviewScenario } from '../../core/rubric/review.js';
import { scoreEvents } from '../../core/rubric/scorer.js';
import type { Scenario } from '../../core/scenario.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate } from '../../server/sim/simulate.js';

const root = join(import.meta.dirname, '..', '..');
const scenes = loadScenes(join(root, 'scenes'));
const rubrics = loadRubrics(join(root, 'scenes', 'rubrics'));
const planted = JSON.parse(readFileSync(join(root, 'test/fixtures/compliance/planted-script.json'), 'utf8')) as {
  planted: { zh: string; category: string }[];
  clean: string[];
};

describe('a careful session with one rhetorical slip', async () => {
  const scenario = scenes.scenarios.get('crisis-drill-wrong-data')!;
  const rubric = rubrics.rubrics.get(scenario.rubric)!;
  const careful = await simulate({ scenario, seed: 5, host: 'careful' });
  it('passes as recorded, and fails once one host line asks a loss question and answers it away', () => {
    expect(scoreEvents(careful.events, rubric).pass).toBe(true);
    let done = false;
    const slipped = careful.events.map((e): SessionEvent => {
      if (done || e.type !== 'host.said') return e;
      done = true;
      return { ...e, text: '这只基金会不会亏？说实话，很难亏，拿满一年基本都是正的。' };
    });
    expect(done).toBe(true);
    const score = scoreEvents(slipped, rubric);
    expect(score.pass).toBe(false);
  });
});

describe('script review finds planted subtle violations', () => {
  const base = scenes.scenarios.get('crisis-drill-wrong-data')!;
  const seg = base.segments[0]!;
  const lines = [...planted.planted.map((p) => ({ zh: p.zh })), ...planted.clean.map((zh) => ({ zh }))];
  const scenario: Scenario = { ...base, segments: [{ ...seg, lines }] };
  const review = reviewScenario(scenario);
  const found = review.segments[0]!.lines;
  it('flags all 8 planted lines with the planted category (the paraphrased yield too, since the claim frames)', () => {
    const hits = planted.planted.filter((p, i) => found[i]!.findings.some((f) => f.category === p.category));
    console.log(`planted script: ${hits.length} / ${planted.planted.length} found`);
    expect(hits.length).toBe(planted.planted.length);
    expect(review.ok).toBe(false);
  });
  it('leaves the compliant look-alikes without a finding', () => {
    const clean = found.slice(planted.planted.length);
    expect(clean.flatMap((l) => l.findings)).toEqual([]);
  });
  it('suggests the scenario product risk level or a visible placeholder, never an invented figure', () => {
    expect(suggestionWith('missing_risk_disclosure', undefined).zh).toContain('【风险等级】');
    expect(suggestionWith('missing_risk_disclosure', 'R4').zh).toContain('R4，适合C4及以上投资者');
    const known = new Set(base.instruments.map((i) => i.risk));
    for (const f of found.flatMap((l) => l.findings))
      for (const level of f.suggestion.zh.match(/R[1-5]/g) ?? []) expect(known.has(level as 'R1')).toBe(true);
  });
});
