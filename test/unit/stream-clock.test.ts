/** The one session clock (docs/RUBRICS.md ST1–ST3). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { timelineOption } from '../../core/rubric/report-charts.js';
import { formatStreamTime, startedTOf, streamClock, streamTimeMs } from '../../core/stream-time.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { reportHtml } from '../../server/reports/report-html.js';
import { Recording } from '../harness/events.js';

const root = join(import.meta.dirname, '..', '..');
const scenario = loadScenes(join(root, 'scenes')).scenarios.get('anti-fraud-live')!;
const rubric = loadRubrics(join(root, 'scenes', 'rubrics')).rubrics.get(scenario.rubric)!;

describe('ST1 stream time', () => {
  it('counts from session.started; before it reads 开播前 / pre-show', () => {
    expect(streamTimeMs(null, 5000)).toBeNull();
    expect(streamTimeMs(180_000, 179_999)).toBeNull();
    expect(streamTimeMs(180_000, 305_000)).toBe(125_000);
    expect(formatStreamTime(null, 'zh')).toBe('开播前');
    expect(formatStreamTime(null, 'en')).toBe('pre-show');
    expect(streamClock(180_000, 305_000)).toBe('02:05');
    expect(formatStreamTime(3_725_000)).toBe('1:02:05');
  });

  it('a pause does not stop the clock (it is shown as a pause, not cut out)', () => {
    const r = new Recording(scenario).start(60_000);
    r.add(90_000, r.events[1]!.actor, { type: 'stream.paused', paused: true });
    r.add(150_000, r.events[1]!.actor, { type: 'stream.paused', paused: false });
    expect(startedTOf(r.events)).toBe(60_000);
    expect(streamClock(startedTOf(r.events), 200_000)).toBe('02:20');
  });
});

describe('ST2 every report time is stream time', () => {
  // The room was created 3 minutes before the trainee started the stream.
  const r = new Recording(scenario).start(180_000);
  r.say(305_000, '这只基金稳赚不赔，保证收益翻倍。');
  r.end(400_000);
  const report = scoreEvents(r.events, rubric);

  it('a finding said at HUD 02:05 is reported at 02:05 (JSON, in-app, HTML)', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.t).toBe(305_000); // the recording keeps its t
      expect(f.streamT).toBe(125_000);
    }
    const html = reportHtml(report, 'zh');
    expect(html).toContain('在回放中查看 02:05');
    expect(html).not.toContain('在回放中查看 05:05');
  });

  it('evidence carries stream time too; charts start at 0 minutes at the start', () => {
    for (const c of report.criteria) for (const e of c.evidence) expect(e.streamT).toBe(streamTimeMs(180_000, e.t));
    const opt = timelineOption(report, 'zh') as { series: Array<{ data: Array<[number, number]> }> };
    for (const s of opt.series) for (const [x] of s.data) expect(x).toBeGreaterThanOrEqual(0);
  });
});
