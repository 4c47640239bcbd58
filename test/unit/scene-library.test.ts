// The scenario library as a whole: every shipped scene parses, ids are unique, each cites the
// programme section it comes from, and the three content scenes keep the shape the programme asks
// for — the metaverse day (4.3.3) invites a mock trade across boards, the fund stream (4.3.1 /
// 4.4.2 场景1) carries exactly one marked counter-example and an R4 fund, and the crisis drill (4.5.2)
// shows a wrong figure before its correction segment. Incidents must fire inside their segment.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../core/scenario.js';

const SCENES_DIR = fileURLToPath(new URL('../../scenes/', import.meta.url));

const PROGRAMME_REFS = {
  'anti-fraud-live.yaml': '4.4.2 场景2',
  'metaverse-investor-day.yaml': '4.3.3',
  'new-energy-fund-live.yaml': '4.3.1 / 4.4.2 场景1',
  'crisis-drill-wrong-data.yaml': '4.5.2',
} as const;
type SceneFile = keyof typeof PROGRAMME_REFS;
const FILES = Object.keys(PROGRAMME_REFS) as SceneFile[];

function load(file: SceneFile): Scenario {
  const r = parseScenario(readFileSync(join(SCENES_DIR, file), 'utf8'), `scenes/${file}`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const scenes = new Map<SceneFile, Scenario>(FILES.map((f) => [f, load(f)]));
function scene(file: SceneFile): Scenario {
  const s = scenes.get(file);
  if (s === undefined) throw new Error(`scene ${file} not loaded`);
  return s;
}

describe('scene library', () => {
  it.each(FILES)('%s parses as a scenario', (file) => {
    const r = parseScenario(readFileSync(join(SCENES_DIR, file), 'utf8'), `scenes/${file}`);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('has unique scenario ids', () => {
    const ids = FILES.map((f) => scene(f).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(FILES)('%s cites its programme section', (file) => {
    expect(scene(file).programmeRef).toBe(PROGRAMME_REFS[file]);
  });

  it.each(FILES)('%s fires every timed incident inside an existing segment and its budget', (file) => {
    const s = scene(file);
    const budgets = new Map(s.segments.map((seg) => [seg.id, seg.budgetSec]));
    for (const inc of s.incidents) {
      if (inc.at === undefined) continue;
      const budget = budgets.get(inc.at.segment);
      expect(budget, `${inc.id} -> ${inc.at.segment}`).toBeDefined();
      expect(inc.at.afterSec, inc.id).toBeLessThan(budget ?? 0);
    }
  });

  it.each(FILES)('%s budgets 20–35 minutes, translates every host line and sets a disclosure', (file) => {
    const s = scene(file);
    const total = s.segments.reduce((sum, seg) => sum + seg.budgetSec, 0);
    expect(total).toBeGreaterThanOrEqual(20 * 60);
    expect(total).toBeLessThanOrEqual(35 * 60);
    for (const seg of s.segments) for (const line of seg.lines) expect(line.en?.trim(), line.zh).toBeTruthy();
    expect(s.disclosure?.zh).toBeTruthy();
  });
});

describe('metaverse-investor-day (4.3.3)', () => {
  const s = scene('metaverse-investor-day.yaml');

  it('has a call-to-action segment (the mock trade)', () => {
    expect(s.segments.some((seg) => seg.callToAction === true)).toBe(true);
  });

  it('lists at least four instruments: main, ChiNext and STAR stocks, a fund and an ETF', () => {
    expect(s.instruments.length).toBeGreaterThanOrEqual(4);
    const stockBoards = new Set(s.instruments.filter((i) => i.kind === 'stock').map((i) => i.board));
    for (const board of ['main', 'chinext', 'star'] as const) expect(stockBoards.has(board), board).toBe(true);
    expect(s.instruments.some((i) => i.kind === 'fund')).toBe(true);
    expect(s.instruments.some((i) => i.kind === 'etf')).toBe(true);
  });
});

describe('new-energy-fund-live (4.3.1 / 4.4.2 场景1)', () => {
  const s = scene('new-energy-fund-live.yaml');

  it('has exactly one counter-example host line', () => {
    const marked = s.segments.flatMap((seg) => seg.lines).filter((line) => line.counterExample === true);
    expect(marked).toHaveLength(1);
  });

  it('pitches an R4 fund', () => {
    const funds = s.instruments.filter((i) => i.kind === 'fund');
    expect(funds).toHaveLength(1);
    expect(funds[0]?.risk).toBe('R4');
  });
});

describe('crisis-drill-wrong-data (4.5.2)', () => {
  const s = scene('crisis-drill-wrong-data.yaml');

  it('shows a wrong figure that differs from the correct one, before the correction segment', () => {
    const wrong = s.incidents.filter((i) => i.kind === 'wrong_data');
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    const correction = s.segments.findIndex((seg) => seg.id === 'correction');
    expect(correction).toBeGreaterThan(0);
    for (const inc of wrong) {
      const shown = inc.detail?.shown;
      const correct = inc.detail?.correct;
      expect(typeof shown, inc.id).toBe('string');
      expect(typeof correct, inc.id).toBe('string');
      expect(shown).not.toBe(correct);
      expect(inc.at, inc.id).toBeDefined();
      const at = s.segments.findIndex((seg) => seg.id === inc.at?.segment);
      expect(at, inc.id).toBeGreaterThanOrEqual(0);
      expect(at, inc.id).toBeLessThan(correction);
    }
  });
});
