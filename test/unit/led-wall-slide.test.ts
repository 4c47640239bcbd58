/**
 * The LED wall's slide panel (core/stage/wall-slide.ts): slides paced by the teleprompter,
 * and the crisis drill's wrong figure (scenes/crisis-drill-wrong-data.yaml, 4.5.2) shown during
 * its segment, then the checked figure as a correction ribbon from the next segment on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../core/scenario.js';
import { wallSlide, type WallSlideInput } from '../../core/stage/wall-slide.js';

function load(id: string): Scenario {
  const r = parseScenario(readFileSync(join(import.meta.dirname, '../../scenes', `${id}.yaml`), 'utf8'), id);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const crisis = load('crisis-drill-wrong-data');
const overview = crisis.segments.findIndex((s) => s.id === 'market-overview');
const base = (over: Partial<WallSlideInput>): WallSlideInput => ({
  scenario: crisis,
  segmentIndex: 0,
  lineCursor: 0,
  status: 'live',
  firedIncidents: [],
  ...over,
});

describe('LED wall slides', () => {
  it('shows nothing before the stream is live', () => {
    expect(wallSlide(base({ status: 'created' })).kind).toBe('none');
    expect(wallSlide(base({ scenario: null })).kind).toBe('none');
  });

  it('advances the slides with the teleprompter: slide k of n at k/n of the lines', () => {
    const seg = crisis.segments[overview]!;
    const first = wallSlide(base({ segmentIndex: overview, lineCursor: 0 }));
    expect(first).toMatchObject({ kind: 'slide', index: 0, count: seg.slides!.length, text: seg.slides![0] });
    const last = wallSlide(base({ segmentIndex: overview, lineCursor: seg.lines.length }));
    expect(last.index).toBe(seg.slides!.length - 1);
  });

  it('puts the wrong figure on the wall once the wrong-data incident fired, with nothing marking it wrong', () => {
    const s = wallSlide(base({ segmentIndex: overview, lineCursor: 2, firedIncidents: ['wrong-figure'] }));
    expect(s.kind).toBe('wrong');
    expect(s.text?.zh).toBe('沪深300 今日上涨 8.5%');
    expect(s.correction).toBeNull();
  });

  it('carries the checked figure as a correction from the next segment on', () => {
    for (let seg = overview + 1; seg < crisis.segments.length; seg++) {
      const s = wallSlide(base({ segmentIndex: seg, firedIncidents: ['wrong-figure', 'wrong-figure-rumour'] }));
      expect(s.kind).toBe('slide');
      expect(s.correction).toBe('沪深300 今日上涨 0.85%');
    }
  });

  it('places a facilitator-fired wrong figure in the segment it was first seen in', () => {
    const manual: Scenario = {
      ...crisis,
      incidents: crisis.incidents.map((i) => (i.id === 'wrong-figure' ? { ...i, at: undefined } : i)),
    };
    const seen = { 'wrong-figure': { seq: 40, t: 60_000, segmentIndex: 3 } };
    const during = wallSlide(
      base({ scenario: manual, segmentIndex: 3, firedIncidents: ['wrong-figure'], incidentsFired: seen }),
    );
    expect(during.kind).toBe('wrong');
    const after = wallSlide(
      base({ scenario: manual, segmentIndex: 4, firedIncidents: ['wrong-figure'], incidentsFired: seen }),
    );
    expect(after.correction).toBe('沪深300 今日上涨 0.85%');
  });
});
