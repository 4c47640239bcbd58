/**
 * ECharts options for the report (radar of criteria, audience and sentiment timelines). Plain
 * option objects, so the server renders them to SVG (HTML export) and the browser draws the same.
 */
import type { Report } from './report-model.js';
import { streamMinutes } from '../stream-time.js';
import { REPORT_TEXT, type ReportLang } from './report-text.js';

export function radarOption(r: Report, lang: ReportLang): Record<string, unknown> {
  const crit = r.criteria.filter((c) => c.applicable && c.weight > 0);
  return {
    animation: false,
    radar: {
      indicator: crit.map((c) => ({ name: c.label[lang], max: 100 })),
      radius: '58%',
      axisName: { color: '#333', fontSize: 12 },
    },
    series: [
      {
        type: 'radar',
        data: [{ value: crit.map((c) => c.score ?? 0), name: REPORT_TEXT[lang].score, areaStyle: { opacity: 0.25 } }],
      },
    ],
  };
}

/**
 * The findings as dashed vertical lines at their stream minute, each labelled with its number in
 * the report's findings list (red when critical), so a trainer sees what the room did after each.
 */
export function findingMarks(r: Report): Record<string, unknown> | undefined {
  if (r.findings.length === 0) return undefined;
  const s0 = r.stats.startedT;
  return {
    symbol: 'none',
    animation: false,
    label: { formatter: '{b}', position: 'end', fontSize: 10 },
    lineStyle: { type: 'dashed', width: 1 },
    data: r.findings.map((f, i) => ({
      name: String(i + 1),
      xAxis: streamMinutes(s0, f.t),
      lineStyle: { color: f.critical ? '#b91c1c' : '#d97706' },
      label: { color: f.critical ? '#b91c1c' : '#b45309' },
    })),
  };
}

export function timelineOption(r: Report, lang: ReportLang): Record<string, unknown> {
  const t = REPORT_TEXT[lang];
  const s0 = r.stats.startedT;
  return {
    animation: false,
    legend: { data: [t.audience, t.sentiment], top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 36 },
    xAxis: { type: 'value', name: t.minutes, nameLocation: 'end', min: 0 },
    yAxis: [
      { type: 'value', name: t.audience, minInterval: 1 },
      { type: 'value', name: t.sentiment, min: -1, max: 1 },
    ],
    series: [
      {
        name: t.audience,
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: r.timelines.audience.map(([x, y]) => [streamMinutes(s0, x), y]),
        markLine: findingMarks(r),
      },
      {
        name: t.sentiment,
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        data: r.timelines.sentiment.map(([x, y]) => [streamMinutes(s0, x), y]),
      },
    ],
  };
}

/** Pace and pauses of the measured voice over stream time; null when there was no voice. */
export function voiceOption(r: Report, lang: ReportLang): Record<string, unknown> | null {
  const v = r.timelines.voice;
  if (!v) return null;
  const t = REPORT_TEXT[lang];
  const s0 = r.stats.startedT;
  return {
    animation: false,
    legend: { data: [t.pace, t.pauseSec], top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 36 },
    xAxis: { type: 'value', name: t.minutes, nameLocation: 'end', min: 'dataMin' },
    yAxis: [
      { type: 'value', name: t.pace, min: 0 },
      { type: 'value', name: t.pauseSec, min: 0 },
    ],
    series: [
      {
        name: t.pace,
        type: 'line',
        showSymbol: true,
        data: v.pace.map(([x, y]) => [streamMinutes(s0, x), y]),
        markLine: findingMarks(r),
      },
      {
        name: t.pauseSec,
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 6,
        data: v.pauses.map(([x, ms]) => [streamMinutes(s0, x), Math.round(ms / 100) / 10]),
      },
    ],
  };
}
