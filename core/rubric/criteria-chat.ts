/**
 * Criteria about the conversation: compliance of what the host said, answering viewers' questions
 * and handling fraud lures in chat. Each takes the folded facts and its rubric entry and returns a
 * 0–100 score with the moments that justify it.
 */
import { CATEGORY_INFO, type Category, type Severity } from './categories.js';
import type { Facts, Utterance } from './facts.js';
import { bi, type Evidence, type Bi } from './report-model.js';
import { streamClock } from '../stream-time.js';
import { scoredQuestions } from './questions.js';
import { scoredFindings } from './findings.js';
import type { CriterionOf } from './rubric-schema.js';
import { lureToolCredit } from './host-tools.js';

export interface Judged {
  applicable: boolean;
  score: number | null;
  summary: Bi;
  evidence: Evidence[];
}

export interface Ctx {
  facts: Facts;
  link: (seq: number) => string;
  /** End of the scored period: session end, or the last event while live. */
  endT: number;
  severityOf: (c: Category) => Severity;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const NA = (summary: Bi): Judged => ({ applicable: false, score: null, summary, evidence: [] });
/** A criterion the host gave nothing to: 0 with the reason, never "not applicable" (DN1). */
export const ZERO = (summary: Bi): Judged => ({ applicable: true, score: 0, summary, evidence: [] });

/** Linear from 1 at `full` down to 0 at `zero` (full < zero). */
export function ramp(x: number, full: number, zero: number): number {
  if (x <= full) return 1;
  if (x >= zero) return 0;
  return 1 - (x - full) / (zero - full);
}

/** The severity in the report's Chinese (the English note keeps the ids, which are English words). */
const SEVERITY_ZH = { critical: '严重', major: '重要', minor: '轻微' } as const;

export function evidenceOf(ctx: Ctx, u: { seq: number; t: number; text?: string }, note: Bi): Evidence {
  return { seq: u.seq, t: u.t, ...(u.text !== undefined ? { quote: u.text } : {}), note, link: ctx.link(u.seq) };
}

export function complianceCriterion(ctx: Ctx, c: CriterionOf<'compliance'>): Judged {
  const lines = ctx.facts.utterances.length;
  // Doing nothing scores nothing (DN1): a host who never spoke has shown no compliant wording.
  if (lines === 0)
    return { applicable: true, score: 0, summary: bi('主播没有发言', 'The host did not speak'), evidence: [] };
  let points = 0;
  let corrected = 0;
  const evidence: Evidence[] = [];
  const found = scoredFindings(ctx.facts, new Set<string>(c.ignore));
  for (const f of found) {
    const sev = ctx.severityOf(f.category);
    // A correction earns back part of the penalty (CR2): all of correctionCredit when prompt.
    let factor = 1;
    if (f.corrected) {
      corrected++;
      const prompt = f.corrected.t - f.u.t <= c.correctionWithinSec * 1000;
      factor = 1 - (prompt ? c.correctionCredit : c.correctionCredit / 2);
    }
    points += c.penalties[sev] * factor;
    if (evidence.length < 20)
      evidence.push({
        seq: f.u.seq,
        t: f.u.t,
        quote: f.u.text.slice(f.start, f.end),
        note: bi(
          `${CATEGORY_INFO[f.category].name.zh}（${SEVERITY_ZH[sev]}）${f.corrected ? '，已更正' : ''}`,
          `${CATEGORY_INFO[f.category].name.en} (${sev})${f.corrected ? ', corrected' : ''}`,
        ),
        link: ctx.link(f.u.seq),
      });
  }
  const n = found.length;
  const fixed = corrected > 0 ? bi(`，其中 ${corrected} 处已更正`, `, ${corrected} corrected`) : bi('', '');
  return {
    applicable: true,
    score: round1(Math.max(0, 100 - points)),
    summary: bi(
      `${lines} 句发言中发现 ${n} 处合规问题${fixed.zh}`,
      `${n} compliance finding(s) in ${lines} line(s)${fixed.en}`,
    ),
    evidence,
  };
}

export function latencyCriterion(ctx: Ctx, c: CriterionOf<'response_latency'>): Judged {
  // Latency runs on the question's own clock (QL1): from the start, or from the answering segment.
  const scored = scoredQuestions(ctx.facts);
  const answered = scored.filter((x) => x.latencyMs !== null);
  const asked = scored.length;
  if (asked === 0) return NA(bi('观众没有提问', 'No viewer asked a question'));
  const cutoff = ctx.endT - c.zeroSec * 1000;
  // A question left unanswered longer than zeroSec scores 0 (DN1): silence never beats a late reply.
  const overdue = scored.filter((x) => x.latencyMs === null && x.waitFromT !== null && x.waitFromT <= cutoff);
  const n = answered.length + overdue.length;
  if (n === 0)
    return {
      applicable: true,
      score: 0,
      summary: bi(`0/${asked} 个提问得到回复`, `0 of ${asked} questions answered`),
      evidence: [],
    };
  let sum = 0;
  const lat = answered.map((x) => {
    const s = x.latencyMs! / 1000;
    sum += ramp(s, c.limitSec, c.zeroSec);
    return { q: x.q, s };
  });
  lat.sort((a, b) => b.s - a.s);
  const sorted = lat.map((x) => x.s).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null;
  return {
    applicable: true,
    score: round1((sum / n) * 100),
    summary:
      median === null
        ? bi(`0/${asked} 个提问得到回复`, `0 of ${asked} questions answered`)
        : bi(
            `回复时长中位数 ${Math.round(median)} 秒（目标 ≤ ${c.limitSec} 秒）；${overdue.length} 个提问超过 ${c.zeroSec} 秒未回复`,
            `Median reply time ${Math.round(median)} s (target ≤ ${c.limitSec} s); ${overdue.length} question(s) unanswered past ${c.zeroSec} s`,
          ),
    evidence: lat
      .filter((x) => x.s > c.limitSec)
      .slice(0, 5)
      .map((x) =>
        evidenceOf(
          ctx,
          { seq: x.q.seq, t: x.q.t, text: x.q.text },
          bi(`${Math.round(x.s)} 秒后才回复`, `answered after ${Math.round(x.s)} s`),
        ),
      ),
  };
}

export function coverageCriterion(ctx: Ctx, c: CriterionOf<'question_coverage'>): Judged {
  const cutoff = ctx.endT - c.graceSec * 1000;
  const all = ctx.facts.questions;
  const counted = all.filter((q) => q.t <= cutoff);
  if (all.length === 0) return NA(bi('观众没有提问', 'No viewer asked a question'));
  const answeredAll = all.filter((q) => q.answerSeq !== null).length;
  const late = all.length - counted.length;
  const graceNote =
    late > 0
      ? bi(`；最后 ${c.graceSec} 秒内的 ${late} 个不计入得分`, `; ${late} asked in the last ${c.graceSec} s not scored`)
      : bi('', '');
  if (counted.length === 0)
    return {
      applicable: false,
      score: null,
      summary: bi(
        `回复了 ${answeredAll}/${all.length} 个提问${graceNote.zh}`,
        `Answered ${answeredAll} of ${all.length} questions${graceNote.en}`,
      ),
      evidence: [],
    };
  const answered = counted.filter((q) => q.answerSeq !== null).length;
  const share = answered / counted.length;
  return {
    applicable: true,
    score: round1(clamp01(share / c.target) * 100),
    // The same totals as the report's counts, the export, the console and the CSV (CT1).
    summary: bi(
      `回复了 ${answeredAll}/${all.length} 个提问（目标 ${Math.round(c.target * 100)}%）${graceNote.zh}`,
      `Answered ${answeredAll} of ${all.length} questions (target ${Math.round(c.target * 100)}%)${graceNote.en}`,
    ),
    evidence: counted
      .filter((q) => q.answerSeq === null)
      .slice(0, 5)
      .map((q) => evidenceOf(ctx, { seq: q.seq, t: q.t, text: q.text }, bi('未回复', 'never answered'))),
  };
}

/** A warning names the scam; pointing to official channels completes it (CATALOGUE fraud_lure). */
const WARNING =
  /骗|诈骗|反诈|不要(?:加|转账|相信|点|私下|进群)|别(?:加|转账|信|点)|举报|非法|scam|fraud|don'?t (?:add|transfer|click|trust)/i;
const OFFICIAL = /官方|12386|营业部|官网|证券业协会|证监会|official|hotline/i;

export function isLureWarning(text: string): { warning: boolean; official: boolean } {
  return { warning: WARNING.test(text), official: OFFICIAL.test(text) };
}

export function lureCriterion(ctx: Ctx, c: CriterionOf<'lure_handling'>): Judged {
  const lures = ctx.facts.lures;
  if (lures.length === 0) return NA(bi('评论区没有诈骗引流', 'No fraud lure appeared in chat'));
  const warnings: Array<Utterance & { official: boolean }> = [];
  for (const u of ctx.facts.utterances) {
    const w = isLureWarning(u.text);
    if (w.warning) warnings.push({ ...u, official: w.official });
  }
  let sum = 0;
  // Counts are whole lures (CT2): fully handled, warned without the official pointer, missed.
  let full = 0;
  let partial = 0;
  let removedAndWarned = 0;
  const missed: Evidence[] = [];
  let j = 0;
  for (const l of lures) {
    // Warnings are in t order: skip those too old to cover this lure.
    while (j < warnings.length && warnings[j]!.t < l.t - c.coverSec * 1000) j++;
    let best = 0;
    for (let k = j; k < warnings.length && warnings[k]!.t <= l.t + c.limitSec * 1000; k++) {
      best = Math.max(best, warnings[k]!.official ? 1 : 0.5);
      if (best === 1) break;
    }
    // 场控 (HT1): a lure removed and the room warned (spoken, typed or pinned) is handled in full.
    const tool = lureToolCredit(ctx.facts.hostTools, l, best, c.limitSec, c.coverSec, isLureWarning);
    if (tool.removed && tool.credit === 1) removedAndWarned++;
    best = tool.credit;
    sum += best;
    if (best === 1) full++;
    else if (best > 0) partial++;
    if (best < 1 && missed.length < 5)
      missed.push(
        evidenceOf(
          ctx,
          { seq: l.seq, t: l.t, text: l.text },
          tool.note ??
            (best === 0
              ? bi(`${c.limitSec} 秒内没有提醒观众`, `no warning within ${c.limitSec} s`)
              : bi('提醒了但没有指向官方渠道', 'warned, but without pointing to official channels')),
        ),
      );
  }
  const first = lures[0]!;
  // Read on the session's clock, also in a retry's part (facts.clockStartT).
  const clock0 = ctx.facts.clockStartT !== undefined ? ctx.facts.clockStartT : ctx.facts.startedT;
  const tools =
    removedAndWarned > 0
      ? bi(`；其中 ${removedAndWarned} 条已删除或拉黑并提醒观众`, `; ${removedAndWarned} removed and the room warned`)
      : bi('', '');
  return {
    applicable: true,
    score: round1((sum / lures.length) * 100),
    summary: bi(
      `${lures.length} 条诈骗引流中 ${full} 条得到及时提醒并指向官方渠道，${partial} 条只提醒未指向官方渠道（首条 ${streamClock(clock0, first.t, 'zh')}）${tools.zh}`,
      `${full} of ${lures.length} lures met with a timely warning pointing to official channels, ${partial} warned without it (first at ${streamClock(clock0, first.t, 'en')})${tools.en}`,
    ),
    evidence: missed,
  };
}
