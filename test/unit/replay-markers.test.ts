/**
 * The replay timeline's words (issue 16 pt 5): tooltips speak the interface language — an
 * incident's title, a segment's title, why the stream ended — never an internal id such as
 * `lure-flood-qa` or an enum value such as `facilitator`; and the player knows when the shown
 * moment is the first or the last finding ("已是最后一处").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { findingPlace, markerText, recordingMarkers } from '../../client/src/replay/marker-labels.js';
import type { TimelineMarker } from '../../client/src/replay/replay-store.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate } from '../../server/sim/simulate.js';

const ROOT = join(import.meta.dirname, '../..');
const scenes = loadScenes(join(ROOT, 'scenes'));
const tx: Record<'zh' | 'en', TFunction> = {} as never;

beforeAll(async () => {
  for (const lang of ['zh', 'en'] as const) {
    const i = createInstance();
    const replay = JSON.parse(readFileSync(join(ROOT, 'client/src/locales', lang, 'replay.json'), 'utf8')) as object;
    await i.init({ lng: lang, resources: { [lang]: { replay } }, defaultNS: 'replay' });
    tx[lang] = i.t;
  }
});

describe('timeline markers', () => {
  it('say titles and reasons in the interface language, never ids', async () => {
    const scenario = scenes.scenarios.get('crisis-drill-wrong-data')!;
    const sim = await simulate({ scenario, seed: 5, host: 'careful' });
    const marks = recordingMarkers(sim.events);
    const ids = [...scenario.incidents.map((i) => i.id), ...scenario.segments.map((s) => s.id)];
    const incident = marks.find((m) => m.kind === 'incident')!;
    const end = marks.find((m) => m.kind === 'end')!;
    for (const lang of ['zh', 'en'] as const) {
      const texts = marks.map((m) => markerText(m, lang, tx[lang]));
      for (const text of texts) for (const id of ids) expect(text, lang).not.toContain(id);
      expect(markerText(incident, lang, tx[lang])).toBe(
        scenario.incidents.find((i) => texts.includes(i.title[lang]))!.title[lang],
      );
      const reason = sim.events.find((e) => e.type === 'session.ended')!;
      const said = markerText(end, lang, tx[lang]);
      expect(said).not.toMatch(/^(host|facilitator|script-complete)$|endReason/);
      expect(said.split(' ').length, said).toBeGreaterThan(lang === 'en' ? 2 : 0);
      expect(reason.type).toBe('session.ended');
    }
    expect(markerText(end, 'zh', tx.zh)).toMatch(/结束|完成/);
    const seg = marks.filter((m) => m.kind === 'segment')[1]!;
    expect(markerText(seg, 'zh', tx.zh)).toBe(`2 ${scenario.segments[1]!.title.zh}`);
  });

  it('know the first and the last finding', () => {
    const f = (seq: number): TimelineMarker => ({ seq, t: seq, kind: 'finding', label: '' });
    const all = [f(10), f(20), f(30), { seq: 25, t: 25, kind: 'segment' as const, label: '2' }];
    expect(findingPlace(all, 5)).toEqual({ n: 3, before: 0, after: 3, at: 0 });
    expect(findingPlace(all, 10)).toMatchObject({ at: 1, before: 0, after: 2 });
    expect(findingPlace(all, 25)).toMatchObject({ at: 0, before: 2, after: 1 });
    expect(findingPlace(all, 30)).toMatchObject({ at: 3, n: 3, after: 0 });
    expect(findingPlace(all, 99)).toMatchObject({ at: 0, after: 0, before: 3 });
    expect(tx.zh('lastFinding')).toBe('已是最后一处');
  });
});
