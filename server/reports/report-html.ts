/**
 * The standalone HTML export of a report: one file, no script, no external resource (inline CSS,
 * charts rendered to SVG on the server with ECharts' SSR renderer), laid out to print on A4.
 */
import * as echarts from 'echarts';
import { replayLink, type Report } from '../../core/rubric/report-model.js';
import { formatStreamTime, streamClock } from '../../core/stream-time.js';
import { radarOption, timelineOption, voiceOption } from '../../core/rubric/report-charts.js';
import { REPORT_TEXT, statsLine, type ReportLang } from '../../core/rubric/report-text.js';
import { FIX_FIRST_TEXT, fixFirst } from '../../core/rubric/fix-first.js';
import type { Annotation } from '../recordings/recording-file.js';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Render an option to an inline SVG element (namespace attributes dropped: inline SVG needs none). */
export function renderSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      textStyle: { fontFamily: 'Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif' },
      ...option,
    });
    return chart
      .renderToSVGString()
      .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
      .replace(/\s+version="1\.1"/, '');
  } finally {
    chart.dispose();
  }
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2433; margin: 0 auto; max-width: 186mm; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #cfd6e4; padding-bottom: 1mm; }
.meta { color: #556; margin: 0 0 3mm; }
.total { display: flex; gap: 6mm; align-items: baseline; flex-wrap: wrap; }
.total .n { font-size: 30pt; font-weight: 700; }
.badge { padding: 1mm 3mm; border-radius: 2mm; font-weight: 700; }
.pass { background: #dff3e4; color: #17622e; } .fail { background: #fbe0e0; color: #8a1c1c; }
.charts { display: flex; gap: 4mm; flex-wrap: wrap; } .charts svg { max-width: 100%; height: auto; }
table { width: 100%; border-collapse: collapse; } th { white-space: nowrap; } th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.5mm; border-bottom: 1px solid #e3e7ef; }
td.num { text-align: right; white-space: nowrap; }
.finding { border: 1px solid #e3e7ef; border-left: 4px solid #d97706; border-radius: 1.5mm; padding: 2mm 3mm; margin: 0 0 3mm; break-inside: avoid; }
.finding.critical { border-left-color: #b91c1c; }
.finding .head { display: flex; justify-content: space-between; gap: 3mm; font-weight: 700; }
mark { background: #fde68a; padding: 0 0.5mm; }
.k { color: #667; min-width: 22mm; display: inline-block; }
.evidence { color: #445; font-size: 9.5pt; margin: 0.5mm 0 0; padding-left: 4mm; }
a { color: #1d4ed8; }
.fix-first { border: 2px solid #1d4ed8; border-radius: 2mm; padding: 2mm 4mm; margin: 4mm 0; break-inside: avoid; }
.fix-first h2 { border: 0; margin: 0 0 1mm; padding: 0; }
.fix-first ol { margin: 0; padding-left: 6mm; } .fix-first li { margin: 1mm 0; }
.finding .no { display: inline-block; min-width: 6mm; }
@media print { a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } .charts { break-inside: avoid; } }
`;

const NOTE_TEXT = {
  zh: { title: '讲评批注', at: '时刻', sev: { info: '提示', minor: '轻微', major: '重要', critical: '严重' } },
  en: {
    title: 'Facilitator annotations',
    at: 'at',
    sev: { info: 'info', minor: 'minor', major: 'major', critical: 'critical' },
  },
} as const;

/** The facilitator's annotations (critique report = the scoring report plus these). */
function annotationsHtml(r: Report, notes: readonly Annotation[], lang: ReportLang): string {
  const n = NOTE_TEXT[lang];
  const items = notes
    .map((a) => {
      const span = a.toSeq !== null && a.toSeq !== a.seq ? `#${a.seq}–#${a.toSeq}` : `#${a.seq}`;
      const sev = a.severity ? ` · ${n.sev[a.severity]}` : '';
      const cat = a.category ? ` · ${esc(a.category)}` : '';
      return `<div class="finding note${a.severity === 'critical' ? ' critical' : ''}" data-annotation="${esc(a.id)}">
<div class="head"><span>${esc(a.author)}${sev}${cat}</span><a href="${esc(replayLink(r.sessionId, a.seq))}">${n.at} ${streamClock(r.stats.startedT, a.t, lang)} (${span})</a></div>
<div>${esc(a.text)}</div></div>`;
    })
    .join('\n');
  return `<h2>${n.title} (${notes.length})</h2>\n${items}`;
}

export function reportHtml(r: Report, lang: ReportLang = 'zh', annotations?: readonly Annotation[]): string {
  const t = REPORT_TEXT[lang];
  const L = (b: { zh: string; en: string }) => esc(b[lang]);
  const sev = (s: 'critical' | 'major' | 'minor') => t[s];
  const criteriaRows = r.criteria
    .map(
      (c) =>
        `<tr><td>${L(c.label)}<div class="evidence">${L(c.summary)}${c.weightNote ? `（${L(c.weightNote)}）` : ''}</div>${c.evidence
          .slice(0, 3)
          .map(
            (e) =>
              `<div class="evidence"><a href="${esc(e.link)}">${formatStreamTime(e.streamT ?? null, lang)}</a> ${L(e.note)}${e.quote ? ` — “${esc(e.quote.slice(0, 60))}”` : ''}</div>`,
          )
          .join(
            '',
          )}</td><td class="num">${c.weight}</td><td class="num">${c.applicable ? c.score : t.notApplicable}</td></tr>`,
    )
    .join('');
  const findings = r.findings.length
    ? r.findings
        .map((f, i) => {
          const text = `${esc(f.text.slice(0, f.start))}<mark>${esc(f.text.slice(f.start, f.end))}</mark>${esc(f.text.slice(f.end))}`;
          return `<div class="finding${f.critical ? ' critical' : ''}" data-finding="${i + 1}">
<div class="head"><span><span class="no">${i + 1}.</span>${L(f.name)} · ${sev(f.severity)}</span><a href="${esc(f.link)}">${t.replay} ${formatStreamTime(f.streamT, lang)} (#${f.seq})</a></div>
<div><span class="k">${t.quote}</span>${text} <small>(${f.source === 'host' ? t.host : t.chat})</small></div>
<div><span class="k">${t.why}</span>${L(f.explanation)}</div>
<div><span class="k">${t.rule}</span>${esc(f.rules.join(' · '))} — ${esc(f.law)}</div>
${f.corrected ? `<div class="corrected" data-corrected><a href="${esc(replayLink(r.sessionId, f.corrected.seq))}">${esc(t.correctedAt(formatStreamTime(f.corrected.streamT, lang)))}</a></div>` : ''}
<div><span class="k">${t.better}</span>${L(f.suggestion)}</div></div>`;
        })
        .join('\n')
    : `<p>${t.noFindings}</p>`;
  const s = r.stats;
  const fixes = fixFirst(r);
  const fx = FIX_FIRST_TEXT[lang];
  // First in the report, in plain words: what to change before the next attempt.
  const fixFirstHtml = `<section class="fix-first" data-fix-first><h2>${fx.title}</h2>${
    fixes.length
      ? `<ol>${fixes.map((x) => `<li>${esc(x.text[lang])}${x.link ? ` <a href="${esc(x.link)}">${t.replay}</a>` : ''}</li>`).join('')}</ol>`
      : `<p>${fx.none}</p>`
  }</section>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${L(r.scenarioTitle)}</title><link rel="icon" href="data:,"><style>${CSS}</style></head>
<body>
<h1>${t.title}</h1>
${r.retryOf ? `<p class="meta" data-retry>${lang === 'zh' ? `重试：接续原会话 ${esc(r.retryOf.parentSessionId.slice(0, 8))} 自 ${streamClock(r.stats.startedT, r.retryOf.atT, lang)} 起，仅评重试部分` : `Retry of session ${esc(r.retryOf.parentSessionId.slice(0, 8))} from ${streamClock(r.stats.startedT, r.retryOf.atT, lang)}: scores the retried part only`}</p>` : ''}
<p class="meta">${L(r.scenarioTitle)} · ${t.rubric}: ${L(r.rubricTitle)} (${esc(r.programmeRef)}) · ${esc(r.sessionId)}</p>
<div class="total"><span class="n" data-total>${r.total}</span><span>/ 100</span>
<span class="badge ${r.pass ? 'pass' : 'fail'}">${r.pass ? t.pass : t.fail}</span>
<span>${t.passMark(r.passMark)} · ${t.grade(r.grade)} ${L(r.band)}</span></div>
${r.capped ? `<p class="fail badge">${t.capped(r.rawTotal)}</p>` : ''}
<p class="meta" data-stats>${esc(statsLine(s, lang))}</p>
${fixFirstHtml}
<h2>${t.criteria}</h2>
<div class="charts">${renderSvg(radarOption(r, lang), 420, 320)}</div>
<table><thead><tr><th>${t.criterion}</th><th class="num">${t.weight}</th><th class="num">${t.score}</th></tr></thead><tbody>${criteriaRows}</tbody></table>
<h2>${t.findings} (${r.findings.length})</h2>
${findings}
${annotations && annotations.length > 0 ? annotationsHtml(r, annotations, lang) : ''}
<h2>${t.timelines}</h2>
<div class="charts">${renderSvg(timelineOption(r, lang), 680, 260)}</div>
${r.findings.length ? `<p class="meta">${t.marksNote}</p>` : ''}
${voiceOption(r, lang) ? `<div class="charts">${renderSvg(voiceOption(r, lang)!, 680, 220)}</div>` : ''}
</body></html>
`;
}
