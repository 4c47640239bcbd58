/**
 * Criteria about the session as a whole: script and timing, risk disclosure around the call to
 * action, the 4.5.2 crisis sequence, suitability of mock-trade invitations, delivery, engagement.
 */
import { PERSONAS, type RiskClass } from '../audience/personas.js';
import type { PersonaId } from '../audience/phrases.js';
import { clamp01, evidenceOf, NA, ramp, round1, ZERO, type Ctx, type Judged } from './criteria-chat.js';
import type { Toggle } from './facts.js';
import { bi, type Evidence } from './report-model.js';
import type { CriterionOf } from './rubric-schema.js';
import { voiceDeliveryCriterion } from './criteria-voice.js';
import { keyFigure } from '../stage/wall-correction.js';
import {
  APOLOGY,
  CORRECTION,
  crisisTimeline,
  crisisTimelineNote,
  SPOKEN_PAUSE,
  SPOKEN_RESUME,
} from './crisis-timeline.js';

export function scriptCriterion(ctx: Ctx, c: CriterionOf<'script_coverage'>): Judged {
  const sc = ctx.facts.scenario;
  if (!sc) return NA(bi('没有场景', 'No scenario'));
  // Doing nothing scores nothing (DN1): a stream never started delivered none of its script.
  if (ctx.facts.startedT === null)
    return ZERO(bi('直播没有开始，没有播报台词', 'The stream never started; no line delivered'));
  const said = new Set<string>();
  for (const u of ctx.facts.utterances) if (u.lineIndex !== null) said.add(`${u.segmentIndex}:${u.lineIndex}`);
  let total = 0;
  let done = 0;
  const missing: Evidence[] = [];
  sc.segments.forEach((seg, si) =>
    seg.lines.forEach((line, li) => {
      if (line.counterExample) return;
      total++;
      if (said.has(`${si}:${li}`)) done++;
      else if (missing.length < 5 && ctx.facts.segmentStarts[si] !== undefined)
        missing.push({
          seq: ctx.facts.lastSeq,
          t: ctx.facts.segmentStarts[si]!,
          quote: line.zh,
          note: bi(`环节 ${si + 1} 第 ${li + 1} 句未播报`, `segment ${si + 1}, line ${li + 1} not delivered`),
          link: ctx.link(ctx.facts.lastSeq),
        });
    }),
  );
  const share = total ? done / total : 1;
  return {
    applicable: total > 0,
    score: round1(clamp01(share / c.target) * 100),
    summary: bi(`播报了 ${done}/${total} 句台词`, `Delivered ${done} of ${total} script lines`),
    evidence: missing,
  };
}

export function timingCriterion(ctx: Ctx, c: CriterionOf<'segment_timing'>): Judged {
  const sc = ctx.facts.scenario;
  const starts = ctx.facts.segmentStarts;
  if (!sc) return NA(bi('没有场景', 'No scenario'));
  if (starts.length === 0) return ZERO(bi('直播没有开始', 'The stream never started'));
  let sum = 0;
  let n = 0;
  const evidence: Evidence[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const seg = sc.segments[i];
    if (s === undefined || !seg) continue;
    const end = starts[i + 1] ?? ctx.facts.endedT;
    if (end === null || end === undefined) continue; // still running
    const ratio = (end - s) / 1000 / seg.budgetSec;
    const dev = Math.abs(ratio - 1);
    sum += ramp(dev, c.tolerance, c.zeroAt);
    n++;
    if (dev > c.tolerance && evidence.length < 5)
      evidence.push({
        seq: ctx.facts.lastSeq,
        t: s,
        note: bi(
          `“${seg.title.zh}”用时 ${Math.round((end - s) / 1000)} 秒，预算 ${seg.budgetSec} 秒`,
          `"${seg.title.en}" took ${Math.round((end - s) / 1000)} s against a budget of ${seg.budgetSec} s`,
        ),
        link: ctx.link(ctx.facts.lastSeq),
      });
  }
  if (n === 0) return NA(bi('还没有结束的环节', 'No segment has finished yet'));
  return {
    applicable: true,
    score: round1((sum / n) * 100),
    summary: bi(
      `${n} 个环节的用时与预算比较（容差 ±${Math.round(c.tolerance * 100)}%）`,
      `${n} segment(s) timed against their budgets (±${Math.round(c.tolerance * 100)}% tolerance)`,
    ),
    evidence,
  };
}

const RISK_WORDS =
  /风险|不保本|可能亏损|亏损本金|投资需谨慎|入市需谨慎|过往业绩不代表|R[1-5]|not capital-protected|may lose|\brisk/i;

/** Milliseconds the banner was on within [from, to). */
function onTime(toggles: readonly Toggle[], from: number, to: number): number {
  let on = false;
  let since = from;
  let total = 0;
  for (const x of toggles) {
    if (x.t >= to) break;
    if (x.t <= from) {
      on = x.on;
      continue;
    }
    if (on) total += x.t - since;
    on = x.on;
    since = x.t;
  }
  if (on) total += to - Math.max(since, from);
  return total;
}

export function disclosureCriterion(ctx: Ctx, c: CriterionOf<'risk_disclosure'>): Judged {
  const sc = ctx.facts.scenario;
  const ctaIdx = sc?.segments.findIndex((s) => s.callToAction) ?? -1;
  if (!sc || ctaIdx < 0) return NA(bi('本场景没有购买引导环节', 'The scenario has no call-to-action segment'));
  const ctaStart = ctx.facts.segmentStarts[ctaIdx];
  if (ctaStart === undefined) return NA(bi('还没有进入购买引导环节', 'The call to action has not been reached'));
  const ctaEnd = ctx.facts.segmentStarts[ctaIdx + 1] ?? ctx.facts.endedT ?? ctx.endT;
  const before = ctx.facts.utterances.find((u) => u.t <= ctaStart && RISK_WORDS.test(u.text));
  const bannerBefore = ctx.facts.disclosure.some((d) => d.on && d.t <= ctaStart);
  const spoken = before !== undefined || bannerBefore ? 1 : 0;
  const span = Math.max(1, ctaEnd - ctaStart);
  const share = onTime(ctx.facts.disclosure, ctaStart, ctaEnd) / span;
  const screen = clamp01(share / Math.max(0.01, c.onScreenShare));
  const evidence: Evidence[] = [];
  if (before)
    evidence.push(evidenceOf(ctx, before, bi('购买引导前的风险提示', 'risk wording before the call to action')));
  else
    evidence.push({
      seq: ctx.facts.lastSeq,
      t: ctaStart,
      note: bi('购买引导前没有风险提示', 'no risk wording before the call to action'),
      link: ctx.link(ctx.facts.lastSeq),
    });
  return {
    applicable: true,
    score: round1((spoken * 0.5 + screen * 0.5) * 100),
    summary: bi(
      `引导前${spoken ? '已' : '未'}提示风险；引导期间风险提示在屏 ${Math.round(share * 100)}% 的时间`,
      `Risk ${spoken ? 'stated' : 'not stated'} before the call to action; banner on screen ${Math.round(share * 100)}% of it`,
    ),
    evidence,
  };
}

export function crisisCriterion(ctx: Ctx, c: CriterionOf<'crisis_handling'>): Judged {
  const incidents = ctx.facts.incidents.filter((i) => i.kind === 'wrong_data');
  if (incidents.length === 0) return NA(bi('没有发生数据错误事件', 'No wrong-data incident happened'));
  let sum = 0;
  const evidence: Evidence[] = [];
  const utt = ctx.facts.utterances;
  for (const inc of incidents) {
    const pauseBy = inc.t + c.pauseLimitSec * 1000;
    const fixBy = inc.t + c.correctionLimitSec * 1000;
    const pause = ctx.facts.pauses.find((p) => p.on && p.t >= inc.t);
    const spokenPause = utt.find((u) => u.t >= inc.t && u.t <= pauseBy && SPOKEN_PAUSE.test(u.text));
    const paused = pause && pause.t <= pauseBy ? 1 : spokenPause ? c.spokenPauseCredit : 0;
    const fig = inc.correct ? keyFigure(inc.correct) : null;
    const corr = utt.find(
      (u) => u.t >= inc.t && u.t <= fixBy && CORRECTION.test(u.text) && (fig === null || u.text.includes(fig)),
    );
    const sorry = utt.find((u) => u.t >= inc.t && u.t <= fixBy && APOLOGY.test(u.text));
    const resumed = pause
      ? ctx.facts.pauses.some((p) => !p.on && p.t > pause.t)
      : utt.some((u) => u.t > inc.t && SPOKEN_RESUME.test(u.text) && (spokenPause ? u.t >= spokenPause.t : true));
    const steps = [paused, corr ? 1 : 0, sorry ? 1 : 0, resumed ? 1 : 0];
    sum += steps.reduce((a, b) => a + b, 0) / 4;
    const mark = (ok: number) => (ok >= 1 ? '✓' : ok > 0 ? '½' : '✗');
    evidence.push({
      seq: inc.seq,
      t: inc.t,
      note: bi(
        `暂停${mark(paused)} 更正${fig ? `（${fig}）` : ''}${mark(steps[1]!)} 致歉${mark(steps[2]!)} 恢复${mark(steps[3]!)}`,
        `pause ${mark(paused)} correction${fig ? ` (${fig})` : ''} ${mark(steps[1]!)} apology ${mark(steps[2]!)} resume ${mark(steps[3]!)}`,
      ),
      link: ctx.link(inc.seq),
    });
    // Detect → pause → correct → apologise → resume, timed against 4.5.2 and the rubric's limits.
    evidence.push({
      seq: inc.seq,
      t: inc.t,
      note: crisisTimelineNote(crisisTimeline(ctx.facts, inc, c)),
      link: ctx.link(inc.seq),
    });
    if (pause)
      evidence.push(
        evidenceOf(
          ctx,
          pause,
          bi(
            `暂停直播（事件后 ${Math.round((pause.t - inc.t) / 1000)} 秒）`,
            `stream paused ${Math.round((pause.t - inc.t) / 1000)} s after the incident`,
          ),
        ),
      );
    if (corr) evidence.push(evidenceOf(ctx, corr, bi('更正', 'correction')));
    if (sorry && sorry !== corr) evidence.push(evidenceOf(ctx, sorry, bi('致歉', 'apology')));
  }
  const score = sum / incidents.length;
  return {
    applicable: true,
    score: round1(score * 100),
    summary: bi(
      `数据错误处置（4.5.2 暂停-更正-致歉-恢复）完成 ${Math.round(score * 100)}%`,
      `Wrong-data handling (4.5.2 pause, correct, apologise, resume) ${Math.round(score * 100)}% complete`,
    ),
    evidence,
  };
}

const SUITABILITY_TALK =
  /适合\s*C[1-5]|C[1-5]\s*(?:及以上|以上)|风险等级|风险测评|不适合|suitab|risk (?:level|class|tolerance)/i;
const LEVEL: Record<string, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

/** Share of the scenario's audience (by persona weight, classes uniform) below risk level r. */
function shareBelow(ctx: Ctx, r: number): number {
  const personas = ctx.facts.scenario?.bots.personas ?? [];
  let w = 0;
  let below = 0;
  for (const p of personas) {
    const spec = PERSONAS[p.persona as PersonaId];
    if (!spec) continue;
    w += p.weight;
    const n = spec.riskClasses.filter((k: RiskClass) => Number(k.slice(1)) < r).length;
    below += (p.weight * n) / spec.riskClasses.length;
  }
  return w ? below / w : 0;
}

export function suitabilityCriterion(ctx: Ctx, c: CriterionOf<'suitability'>): Judged {
  const invites = ctx.facts.invites;
  if (invites.length === 0) return NA(bi('没有发起模拟交易邀请', 'No mock-trade invitation was made'));
  let sum = 0;
  const evidence: Evidence[] = [];
  for (const inv of invites) {
    const ins = ctx.facts.scenario?.instruments.find((i) => i.code === inv.code);
    const level = ins ? LEVEL[ins.risk]! : 3;
    const below = shareBelow(ctx, level);
    const worded = inv.riskWording !== null && SUITABILITY_TALK.test(inv.riskWording);
    const talk = ctx.facts.utterances.find(
      (u) => Math.abs(u.t - inv.t) <= c.windowSec * 1000 && SUITABILITY_TALK.test(u.text),
    );
    const ok = below === 0 || worded || talk !== undefined ? 1 : 1 - below;
    sum += ok;
    evidence.push({
      seq: inv.seq,
      t: inv.t,
      ...(talk ? { quote: talk.text } : {}),
      note: bi(
        `邀请 ${ins?.name.zh ?? inv.code ?? '?'}（${ins?.risk ?? '?'}）：约 ${Math.round(below * 100)}% 观众风险等级更低，${worded || talk ? '已说明适当性' : '未说明适当性'}`,
        `invited ${ins?.name.en ?? inv.code ?? '?'} (${ins?.risk ?? '?'}): ~${Math.round(below * 100)}% of viewers rank lower; suitability ${worded || talk ? 'explained' : 'not explained'}`,
      ),
      link: ctx.link(inv.seq),
    });
  }
  return {
    applicable: true,
    score: round1((sum / invites.length) * 100),
    summary: bi(
      `${invites.length} 次模拟交易邀请的适当性`,
      `Suitability of ${invites.length} mock-trade invitation(s)`,
    ),
    evidence: evidence.slice(0, 8),
  };
}

/**
 * Delivery is about the voice (DN2): pace and fillers of lines clicked on the teleprompter or typed
 * measure nothing, so until voice metrics arrive (issue 19) delivery reads "表达未测量（无语音）" and
 * its weight is shared out, openly, over the other criteria. The figures are still shown.
 */
export function deliveryCriterion(ctx: Ctx, c: CriterionOf<'delivery'>): Judged {
  const f = ctx.facts;
  if (f.voice.length > 0) return voiceDeliveryCriterion(ctx, c);
  const lines = f.utterances.filter((u) => u.source === 'host').length;
  return NA(
    bi(
      `表达未测量（无语音）：${lines} 句为点击台词或打字，语速和口头禅不计分`,
      `Delivery not measured (no voice): ${lines} line(s) were clicked or typed, so pace and fillers are not scored`,
    ),
  );
}

export function engagementCriterion(ctx: Ctx, c: CriterionOf<'engagement'>): Judged {
  const f = ctx.facts;
  if (f.peakAudience === 0 || f.startedT === null) return NA(bi('没有观众', 'No audience'));
  // Time-weighted mean audience over the live period, as a share of the peak.
  const from = f.startedT;
  const to = Math.max(from + 1, ctx.endT);
  let area = 0;
  let n = 0;
  let since = from;
  for (const [t, v] of f.audience) {
    if (t <= from) {
      n = v;
      continue;
    }
    if (t >= to) break;
    area += n * (t - since);
    n = v;
    since = t;
  }
  area += n * (to - since);
  const retention = area / (to - from) / f.peakAudience;
  const mean = f.mood.size ? f.moodSum / f.mood.size : 0;
  const scam = f.intents.scam_contact ?? 0;
  const scamShare = scam / f.peakAudience;
  const r = clamp01(retention / Math.max(0.01, c.retentionTarget));
  const s = clamp01((mean + 1) / (c.sentimentTarget + 1));
  const sc = clamp01(1 - scamShare * 5);
  return {
    applicable: true,
    score: round1((r * 0.4 + s * 0.4 + sc * 0.2) * 100),
    summary: bi(
      `平均留存 ${Math.round(retention * 100)}%（峰值 ${f.peakAudience} 人），平均情绪 ${mean.toFixed(2)}，开户意向 ${f.intents.account_opening ?? 0}，受骗意向 ${scam}`,
      `Mean retention ${Math.round(retention * 100)}% (peak ${f.peakAudience}), mean sentiment ${mean.toFixed(2)}, account-opening intents ${f.intents.account_opening ?? 0}, scam contacts ${scam}`,
    ),
    evidence: [],
  };
}
