/** The scorer as a fold, the rubric files and the session criteria (docs/SPEC.md RB1–RB7). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { factsOf, foldFacts, initialFacts } from '../../core/rubric/facts.js';
import { replayLink } from '../../core/rubric/report-model.js';
import { parseRubric } from '../../core/rubric/rubric-schema.js';
import { reviewScenario } from '../../core/rubric/review.js';
import { downsample, evaluate, scoreEvents } from '../../core/rubric/scorer.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate } from '../../server/sim/simulate.js';

const root = join(import.meta.dirname, '..', '..');
const scenes = loadScenes(join(root, 'scenes'));
const rubrics = loadRubrics(join(root, 'scenes', 'rubrics'));

describe('RB1 rubric files', () => {
  it('the shipped rubrics load and every scenario names one of them', () => {
    expect(rubrics.errors).toEqual([]);
    for (const s of scenes.scenarios.values()) expect(rubrics.rubrics.has(s.rubric), s.rubric).toBe(true);
    for (const r of rubrics.rubrics.values()) expect(r.passMark).toBe(80);
  });

  it('a bad rubric names the file, the path and what was expected', () => {
    const r = parseRubric(
      [
        'id: x',
        'title: { zh: 甲, en: A }',
        'programmeRef: "6.2"',
        'passMark: 80',
        'criteria:',
        '  - { kind: response_latency, weight: 10, limitSec: 60, zeroSec: 30 }',
        '  - { kind: pace, weight: 1 }',
        'bands: [{ min: 50, grade: 3, label: { zh: 中, en: mid } }]',
      ].join('\n'),
      'bad.yaml',
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith('bad.yaml: criteria[1].kind: '))).toBe(true);
    const refined = parseRubric(
      [
        'id: x',
        'title: { zh: 甲, en: A }',
        'programmeRef: "6.2"',
        'passMark: 80',
        'criteria: [{ kind: response_latency, weight: 10, limitSec: 60, zeroSec: 30 }]',
        'bands: [{ min: 50, grade: 3, label: { zh: 中, en: mid } }]',
      ].join('\n'),
      'bad.yaml',
    );
    const refinedErrors = refined.ok ? '' : refined.errors.join('\n');
    expect(refinedErrors).toMatch(/bad\.yaml: criteria\[0\]\.zeroSec: expected zeroSec greater than limitSec/);
    expect(refinedErrors).toMatch(/bad\.yaml: bands: expected a band with min 0/);
    const syntax = parseRubric('id: [', 'broken.yaml');
    expect(syntax.ok ? '' : syntax.errors[0]).toMatch(/^broken\.yaml: line \d+, column \d+: /);
  });
});

describe('scoring simulated sessions', async () => {
  const scenario = scenes.scenarios.get('crisis-drill-wrong-data')!;
  const rubric = rubrics.rubrics.get(scenario.rubric)!;
  const careful = await simulate({ scenario, seed: 5, host: 'careful' });
  const careless = await simulate({ scenario, seed: 5, host: 'careless' });

  it('RB2 the fold is incremental: folding event by event equals scoring the recording, events untouched', () => {
    const before = JSON.stringify(careful.events);
    let f = initialFacts();
    const live: number[] = [];
    for (const e of careful.events) {
      f = foldFacts(f, e);
      if (e.seq % 200 === 0) live.push(evaluate(f, rubric).total);
    }
    expect(evaluate(f, rubric)).toEqual(scoreEvents(careful.events, rubric));
    expect(JSON.stringify(careful.events)).toBe(before);
    expect(live.length).toBeGreaterThan(1);
  });

  it('RB6 crisis: a careful host corrects the figure and apologises; a careless one does not', () => {
    const good = scoreEvents(careful.events, rubric);
    const bad = scoreEvents(careless.events, rubric);
    const c = (r: typeof good) => r.criteria.find((x) => x.kind === 'crisis_handling')!;
    expect(c(good).score!).toBeGreaterThan(c(bad).score!);
    expect(c(good).evidence.some((e) => e.quote?.includes('0.85'))).toBe(true);
    expect(good.pass).toBe(true);
    expect(bad.pass).toBe(false);
  });

  it('RB6 crisis: pausing the stream within the limit earns the whole pause step', () => {
    const inc = careful.events.find((e) => e.type === 'incident.fired')!;
    // The careful scripted host pauses; without its stream.paused events it has only announced it.
    const announcedOnly = careful.events.filter((e) => e.type !== 'stream.paused');
    const seqAfter = careful.events.length + 1;
    const paused: SessionEvent[] = [
      ...announcedOnly,
      {
        seq: seqAfter,
        t: inc.t + 5_000,
        type: 'stream.paused',
        paused: true,
        actor: { id: 'h', role: 'trainee', name: 'h' },
      },
    ].sort((a, b) => a.t - b.t) as SessionEvent[];
    const step = (events: SessionEvent[]) =>
      scoreEvents(events, rubric).criteria.find((x) => x.kind === 'crisis_handling')!.evidence[0]!.note.en;
    expect(step(announcedOnly)).toMatch(/^pause ½/);
    expect(step(paused)).toMatch(/^pause ✓/);
    expect(step(careful.events)).toMatch(/^pause ✓/);
  });

  it('RB6 latency and coverage come from replies linked by replyTo', () => {
    const f = factsOf(careful.events);
    const answered = f.questions.filter((q) => q.answerSeq !== null);
    expect(answered.length).toBeGreaterThan(0);
    for (const q of answered) {
      const reply = careful.events.find((e) => e.seq === q.answerSeq)!;
      expect(reply.type === 'chat.message' && reply.replyTo).toBe(q.seq);
    }
  });

  it('RB5 findings carry the quoted words, the rule, a better phrasing and the replay link', () => {
    const r = scoreEvents(careless.events, rubric);
    const f = r.findings.find((x) => x.category === 'promise_of_returns')!;
    expect(f.text.slice(f.start, f.end)).toBe(f.quote);
    expect(f.rule).toMatch(/^promise_of_returns\//);
    expect(f.suggestion.zh.length).toBeGreaterThan(0);
    expect(f.link).toBe(replayLink(r.sessionId, f.seq));
    expect(r.capped || r.total < r.passMark).toBe(true);
  });
});

describe('RB7 script review', () => {
  it('every shipped scenario passes its own review; counter-examples are skipped, not scored', () => {
    for (const s of scenes.scenarios.values()) {
      const r = reviewScenario(s);
      expect(r.counts.critical, s.id).toBe(0);
      const marked = s.segments.flatMap((g) => g.lines).filter((l) => l.counterExample).length;
      expect(r.counts.skipped).toBe(marked);
    }
  });
});

describe('report helpers', () => {
  it('downsample keeps about max points (plus the first), first and last included', () => {
    const pts: Array<[number, number]> = Array.from({ length: 1000 }, (_, i) => [i * 1000, i]);
    const d = downsample(pts, 100);
    expect(d.length).toBeLessThanOrEqual(101);
    expect(d[0]).toEqual([0, 0]);
    expect(d[d.length - 1]).toEqual([999_000, 999]);
  });
});
