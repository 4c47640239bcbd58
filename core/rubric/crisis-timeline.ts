/**
 * The crisis drill's timeline for the report: how long after the wrong figure appeared the host
 * detected it, paused, corrected (stated the checked figure), apologised and resumed, each set
 * against the programme's sequence (seed §4.5.2, quoted in PROGRAMME_4_5_2) and the rubric's
 * limits (crisis_handling: pauseLimitSec for "立即暂停", correctionLimitSec for "发布更正声明并致歉").
 * Pure; crisisCriterion (criteria-session.ts) scores the same steps and adds this as evidence.
 */
import type { Facts, IncidentFact } from './facts.js';
import { keyFigure } from '../stage/wall-correction.js';
import { bi, type Bi } from './report-model.js';

/** The training programme, §4.5.2 舆情监测与危机应对, word for word (test/fixtures/programme-4.5.2.txt). */
export const PROGRAMME_4_5_2 =
  '危机应对流程“快速响应(2小时内)-事实核查-公开声明-后续跟进”(如某券商直播中出现错误数据,需立即暂停直播,发布更正声明并致歉)';

export const SPOKEN_PAUSE = /暂停|停一下|pause/i;
export const SPOKEN_RESUME = /继续|恢复|resume|carry on|continue/i;
export const CORRECTION = /更正|纠正|正确的|有误|错误|说错|correct/i;
export const APOLOGY = /道歉|致歉|抱歉|对不起|apologi[sz]e|sorry/i;
/** Words of a host who noticed something is wrong (detection, before or without a pause). */
const NOTICED = /错误|有误|不对|错了|弄错|搞错|核实|核对|暂停|停一下|wrong|mistake|error|pause|check/i;

export type CrisisStep = 'detect' | 'pause' | 'correct' | 'apologise' | 'resume';
export const CRISIS_STEPS: readonly CrisisStep[] = ['detect', 'pause', 'correct', 'apologise', 'resume'];

export interface StepTiming {
  step: CrisisStep;
  /** The event that did it, or null when the host never did. */
  seq: number | null;
  t: number | null;
  /** Milliseconds after the wrong figure appeared. */
  afterMs: number | null;
  /** The rubric's limit for this step (ms after the incident), or null for none. */
  limitMs: number | null;
  /** Done within its limit (true when it has none and was done); false when late or never. */
  inTime: boolean;
  /** Done after the step that should come before it in 4.5.2's order. */
  outOfOrder: boolean;
}

export interface CrisisTimeline {
  incidentSeq: number;
  incidentT: number;
  steps: StepTiming[];
  /** When the studio fixed the wall at the host's word (`wall.corrected`), ms after, or null. */
  wallCorrectedAfterMs: number | null;
}

interface Limits {
  pauseLimitSec: number;
  correctionLimitSec: number;
}

export function crisisTimeline(facts: Facts, inc: IncidentFact, limits: Limits): CrisisTimeline {
  // The trainee's words, spoken or typed (facts.utterances holds only theirs).
  const utt = facts.utterances.filter((u) => u.t >= inc.t);
  const pauseBy = inc.t + limits.pauseLimitSec * 1000;
  const fixBy = inc.t + limits.correctionLimitSec * 1000;
  const fig = inc.correct ? keyFigure(inc.correct) : null;
  const pauseEv = facts.pauses.find((p) => p.on && p.t >= inc.t) ?? null;
  const spokenPause = utt.find((u) => SPOKEN_PAUSE.test(u.text)) ?? null;
  const pause = pauseEv ?? spokenPause;
  const correct = utt.find((u) => CORRECTION.test(u.text) && (fig === null || u.text.includes(fig))) ?? null;
  const sorry = utt.find((u) => APOLOGY.test(u.text)) ?? null;
  const resume = pauseEv
    ? (facts.pauses.find((p) => !p.on && p.t > pauseEv.t) ?? null)
    : (utt.find((u) => SPOKEN_RESUME.test(u.text) && (!spokenPause || u.t >= spokenPause.t)) ?? null);
  const wall = facts.wallCorrections.find((w) => w.incidentId === inc.id && w.t >= inc.t) ?? null;
  const noticed = utt.find((u) => NOTICED.test(u.text)) ?? null;
  const detect = [noticed, pauseEv, wall, correct].filter((x) => x !== null).sort((a, b) => a!.t - b!.t)[0] ?? null;

  const at: Record<CrisisStep, { seq: number; t: number } | null> = {
    detect,
    pause,
    correct,
    apologise: sorry,
    resume,
  };
  const limit: Record<CrisisStep, number | null> = {
    detect: pauseBy,
    pause: pauseBy,
    correct: fixBy,
    apologise: fixBy,
    resume: null,
  };
  let prevT = inc.t;
  const steps = CRISIS_STEPS.map((step): StepTiming => {
    const a = at[step];
    const lim = limit[step];
    const outOfOrder = a !== null && a.t < prevT;
    if (a) prevT = Math.max(prevT, a.t);
    return {
      step,
      seq: a?.seq ?? null,
      t: a?.t ?? null,
      afterMs: a ? a.t - inc.t : null,
      limitMs: lim === null ? null : lim - inc.t,
      inTime: a !== null && (lim === null || a.t <= lim),
      outOfOrder,
    };
  });
  return { incidentSeq: inc.seq, incidentT: inc.t, steps, wallCorrectedAfterMs: wall ? wall.t - inc.t : null };
}

const NAMES: Record<CrisisStep, Bi> = {
  detect: bi('发现', 'detected'),
  pause: bi('暂停', 'paused'),
  correct: bi('更正', 'corrected'),
  apologise: bi('致歉', 'apologised'),
  resume: bi('恢复', 'resumed'),
};

const sec = (ms: number) => Math.round(ms / 1000);

/** "发现 +8 秒 → 暂停 +12 秒（限 60 秒 ✓）→ …", in both languages, with the programme's words. */
export function crisisTimelineNote(tl: CrisisTimeline): Bi {
  const zh: string[] = [];
  const en: string[] = [];
  for (const s of tl.steps) {
    const name = NAMES[s.step];
    if (s.afterMs === null) {
      zh.push(`${name.zh} ✗ 未做`);
      en.push(`${name.en} ✗ never`);
      continue;
    }
    const mark = s.inTime ? '✓' : '✗';
    const order = s.outOfOrder ? '，顺序靠前' : '';
    const orderEn = s.outOfOrder ? ', out of order' : '';
    zh.push(
      `${name.zh} +${sec(s.afterMs)} 秒${s.limitMs !== null ? `（限 ${sec(s.limitMs)} 秒 ${mark}${order}）` : order ? `（${order.slice(1)}）` : ''}`,
    );
    en.push(
      `${name.en} +${sec(s.afterMs)} s${s.limitMs !== null ? ` (limit ${sec(s.limitMs)} s ${mark}${orderEn})` : orderEn ? ` (${orderEn.slice(2)})` : ''}`,
    );
  }
  const wallZh = tl.wallCorrectedAfterMs !== null ? `；大屏更正 +${sec(tl.wallCorrectedAfterMs)} 秒` : '';
  const wallEn = tl.wallCorrectedAfterMs !== null ? `; wall corrected +${sec(tl.wallCorrectedAfterMs)} s` : '';
  return bi(
    `处置时间线（对照培训方案 4.5.2：${PROGRAMME_4_5_2}）：${zh.join(' → ')}${wallZh}`,
    `Timeline against programme 4.5.2 (respond fast, check the facts, state it publicly, follow up; "pause the stream at once, publish a correction and apologise"): ${en.join(' → ')}${wallEn}`,
  );
}
