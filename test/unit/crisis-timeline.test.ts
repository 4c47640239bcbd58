/**
 * The crisis drill's report times detect → pause → correct → apologise → resume against the
 * programme's §4.5.2 (issue 16 pt 7): the words quoted are the programme's own (copied into
 * test/fixtures/programme-4.5.2.txt from the seed), a careful host's steps are in time and in order,
 * a careless host's missing ones say so, and the studio's wall correction is timed too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crisisTimeline, PROGRAMME_4_5_2 } from '../../core/rubric/crisis-timeline.js';
import { factsOf } from '../../core/rubric/facts.js';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate } from '../../server/sim/simulate.js';

const root = join(import.meta.dirname, '..', '..');
const scenario = loadScenes(join(root, 'scenes')).scenarios.get('crisis-drill-wrong-data')!;
const rubric = loadRubrics(join(root, 'scenes', 'rubrics')).rubrics.get(scenario.rubric)!;
const limits = { pauseLimitSec: 60, correctionLimitSec: 180 };

describe('crisis timeline against 4.5.2', async () => {
  const careful = await simulate({ scenario, seed: 5, host: 'careful' });
  const careless = await simulate({ scenario, seed: 5, host: 'careless' });

  it('quotes the programme word for word', () => {
    const seed = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'programme-4.5.2.txt'), 'utf8');
    expect(seed).toContain(PROGRAMME_4_5_2);
    expect(PROGRAMME_4_5_2).toContain('需立即暂停直播,发布更正声明并致歉');
  });

  it('a careful host detects, pauses, corrects, apologises and resumes in that order, in time', () => {
    const f = factsOf(careful.events);
    const inc = f.incidents.find((i) => i.kind === 'wrong_data')!;
    const tl = crisisTimeline(f, inc, limits);
    expect(tl.steps.map((s) => s.step)).toEqual(['detect', 'pause', 'correct', 'apologise', 'resume']);
    for (const s of tl.steps) {
      expect(s.afterMs, s.step).not.toBeNull();
      expect(s.inTime, s.step).toBe(true);
      expect(s.outOfOrder, s.step).toBe(false);
    }
    const after = tl.steps.map((s) => s.afterMs!);
    expect([...after].sort((a, b) => a - b)).toEqual(after);
    // The careful host's scripted lines ask for the page to come down: the studio fixed the wall.
    expect(tl.wallCorrectedAfterMs).not.toBeNull();
    expect(careful.events.some((e) => e.type === 'wall.corrected')).toBe(true);
  });

  it('the report shows the timeline with the quote; a careless host sees what was never done', () => {
    const note = (events: typeof careful.events) =>
      scoreEvents(events, rubric)
        .criteria.find((c) => c.kind === 'crisis_handling')!
        .evidence.find((e) => e.note.zh.startsWith('处置时间线'))!.note;
    const good = note(careful.events);
    expect(good.zh).toContain(PROGRAMME_4_5_2);
    expect(good.zh).toMatch(
      /发现 \+\d+ 秒.*→ 暂停 \+\d+ 秒（限 60 秒 ✓）.*→ 更正 \+\d+ 秒（限 180 秒 ✓）.*→ 致歉.*→ 恢复 \+\d+ 秒/,
    );
    expect(good.en).toMatch(/paused \+\d+ s \(limit 60 s ✓\)/);
    const bad = note(careless.events);
    // The careless host reads the correction segment minutes late: every limit missed.
    expect(bad.zh).toMatch(/暂停 \+\d+ 秒（限 60 秒 ✗）/);
    expect(bad.en).toMatch(/apologised \+\d+ s \(limit 180 s ✗\)/);
  });
});
