/** The HTML export a trainer prints (issue 16, point 6): its language, its first section, its timeline marks. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { timelineOption } from '../../core/rubric/report-charts.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';
import { reportHtml } from '../../server/reports/report-html.js';
import { Recording } from '../harness/events.js';

const root = join(import.meta.dirname, '..', '..');
const scenario = loadScenes(join(root, 'scenes')).scenarios.get('anti-fraud-live')!;
const rubric = loadRubrics(join(root, 'scenes', 'rubrics')).rubrics.get(scenario.rubric)!;

const r = new Recording(scenario).start(60_000);
r.join(61_000, 1);
r.say(120_000, '这只基金稳赚不赔，保证收益翻倍。');
r.say(200_000, '这是全市场最好的产品。');
r.ask(230_000, '有没有保本的产品？');
r.end(400_000);
const report = scoreEvents(r.events, rubric);
/** The page without its markup, styles and SVG: the words a reader sees. */
const words = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ');

describe('the exported report', () => {
  const zh = reportHtml(report, 'zh');
  const en = reportHtml(report, 'en');

  it('a Chinese report has no English severity words; an English one says them in English', () => {
    expect(report.findings.some((f) => f.severity === 'critical')).toBe(true);
    expect(words(zh)).not.toMatch(/\b(critical|major|minor)\b/i);
    expect(words(zh)).toContain('严重');
    expect(words(en)).toMatch(/critical/);
  });

  it('starts with 先改这三点 in plain words, before the findings, the critical one first', () => {
    const at = zh.indexOf('data-fix-first');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(zh.indexOf('data-finding="1"'));
    const section = zh.slice(at, zh.indexOf('</section>', at));
    expect(section).toContain('先改这三点');
    expect(section.split('<li>')[1]).toMatch(/稳赚/);
    expect(en).toContain('Fix these three first');
  });

  it('asks for no favicon and loads nothing from outside', () => {
    expect(zh).toContain('<link rel="icon" href="data:,">');
    expect(zh).not.toMatch(/https?:\/\//i);
  });

  it('marks each finding on the audience timeline at its stream minute, numbered as in the list', () => {
    const opt = timelineOption(report, 'zh') as {
      series: Array<{ markLine?: { data: Array<{ name: string; xAxis: number }> } }>;
    };
    const marks = opt.series[0]!.markLine!.data;
    expect(marks.map((m) => m.name)).toEqual(report.findings.map((_, i) => String(i + 1)));
    expect(marks[0]!.xAxis).toBe(1); // said 60 s after the start
    expect(zh).toContain('竖虚线');
  });
});
