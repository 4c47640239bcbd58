/**
 * Scoring the host's console (场控; docs/RUBRICS.md HT1–HT4). The fold keeps what the host did with
 * the console; the criteria read it:
 * - HT1 lure handling: a lure removed (deleted, or its author blocked or muted) AND the room warned
 *   (a spoken or typed warning, or a pinned one) is handled in full, like a warning pointing to
 *   official channels; removed without a warning is half; a pinned warning counts as a warning.
 * - HT2 engagement: deleting a genuine complaint or a viewer's question is a finding, points off.
 * - HT3 risk disclosure: a product card put up without a risk line is a finding, points off (and
 *   makes risk disclosure applicable in a scenario without a call-to-action segment).
 * - HT4 risk disclosure: a product card whose risk level most of the scenario's audience may not
 *   buy (their risk classes are below it) is a finding.
 * The detectors (core/rubric/check.ts) are not touched: this file only reads the console's events.
 */
import { deletedLine, type DeletedLine } from '../chat-complaint.js';
import type { RiskLevel } from '../exchange/index.js';
import type { SessionEvent } from '../events.js';
import { PERSONAS } from '../audience/personas.js';
import type { PersonaId } from '../audience/phrases.js';
import type { Scenario } from '../scenario.js';
import { bi, type Bi, type Evidence } from './report-model.js';
import type { Criterion } from './rubric-schema.js';

export interface HostToolFacts {
  deletions: Array<{ seq: number; t: number; targetSeq: number; what: DeletedLine; text: string; author: string }>;
  /** Blocks and mutes (seconds > 0), by the viewer's name (lures carry their author's name). */
  removals: Array<{ seq: number; t: number; name: string; how: 'block' | 'mute' }>;
  /** Pinned announcements in order; `text` null for an unpin. */
  pins: Array<{ seq: number; t: number; text: string | null }>;
  cards: Array<{ seq: number; t: number; productId: string; name: Bi; risk: RiskLevel; riskLine: string }>;
  /** Viewer lines the keyword filter held from the room. */
  held: number;
}

export function initialHostToolFacts(): HostToolFacts {
  return { deletions: [], removals: [], pins: [], cards: [], held: 0 };
}

/** Fold one console event (the caller routes only these types here). */
export function foldHostTools(h: HostToolFacts, e: SessionEvent, chatText: ReadonlyMap<number, string>): void {
  switch (e.type) {
    case 'chat.deleted': {
      const text = chatText.get(e.targetSeq) ?? '';
      const what = text
        ? deletedLine(text, e.kind)
        : e.complaint
          ? 'complaint'
          : e.kind === 'question'
            ? 'question'
            : 'other';
      h.deletions.push({ seq: e.seq, t: e.t, targetSeq: e.targetSeq, what, text, author: e.authorName });
      return;
    }
    case 'viewer.blocked':
      h.removals.push({ seq: e.seq, t: e.t, name: e.name, how: 'block' });
      return;
    case 'viewer.muted':
      if (e.seconds > 0) h.removals.push({ seq: e.seq, t: e.t, name: e.name, how: 'mute' });
      return;
    case 'announcement.pinned':
      h.pins.push({ seq: e.seq, t: e.t, text: e.text });
      return;
    case 'announcement.unpinned':
      h.pins.push({ seq: e.seq, t: e.t, text: null });
      return;
    case 'product.shown':
      h.cards.push({ seq: e.seq, t: e.t, productId: e.productId, name: e.name, risk: e.risk, riskLine: e.riskLine });
      return;
    default:
      return;
  }
}

interface LureLike {
  seq: number;
  t: number;
  by: string;
}

/** The pinned announcement's text at time t (null when none). */
function pinnedAt(h: HostToolFacts, t: number): string | null {
  let text: string | null = null;
  for (const p of h.pins) {
    if (p.t > t) break;
    text = p.text;
  }
  return text;
}

/**
 * HT1: the credit the console earns on one lure, given the best spoken/typed warning credit
 * (`best`, 0 / 0.5 / 1) and the rubric's windows. `isWarning` is the lure criterion's own test.
 */
export function lureToolCredit(
  h: HostToolFacts,
  l: LureLike,
  best: number,
  limitSec: number,
  coverSec: number,
  isWarning: (text: string) => { warning: boolean; official: boolean },
): { credit: number; removed: boolean; note: Bi | null } {
  const until = l.t + limitSec * 1000;
  // A warning pinned when the lure came, or pinned within the limit after it, warns the room.
  let pinned = 0;
  const candidates = [pinnedAt(h, l.t), ...h.pins.filter((p) => p.t > l.t && p.t <= until).map((p) => p.text)];
  for (const text of candidates) {
    if (!text) continue;
    const w = isWarning(text);
    if (w.warning) pinned = Math.max(pinned, w.official ? 1 : 0.5);
  }
  // Removing the author earlier also removes this lure (a blocked lurer's later posts never come).
  const removed =
    h.deletions.some((d) => d.targetSeq === l.seq && d.t <= until) ||
    h.removals.some((r) => r.name === l.by && r.t >= l.t - coverSec * 1000 && r.t <= until);
  const warned = Math.max(best, pinned);
  if (removed && warned > 0) return { credit: 1, removed, note: null };
  if (removed)
    return {
      credit: 0.5,
      removed,
      note: bi('已删除或拉黑，但没有提醒观众（HT1）', 'removed, but the room was not warned (HT1)'),
    };
  return { credit: warned, removed, note: null };
}

/** HT2 points off engagement per deleted complaint or question. */
export const SILENCED_PENALTY = 15;
/** HT3 points off risk disclosure per product card without a risk line; HT4 per unsuitable card. */
export const NO_RISK_LINE_PENALTY = 30;
export const UNSUITABLE_CARD_PENALTY = 10;
/** HT4: a card is unsuitable when more than this share of the scenario's audience may not buy it. */
export const UNSUITABLE_SHARE = 0.5;

const RISK_NUM: Record<string, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5, C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 };

/** Share of the scenario's (non-scam, non-troll) audience whose risk class is below `risk`. */
export function shareBelow(scenario: Scenario | null, risk: RiskLevel): number {
  if (!scenario) return 0;
  let total = 0;
  let below = 0;
  for (const p of scenario.bots.personas) {
    const spec = PERSONAS[p.persona as PersonaId];
    if (!spec || p.persona === 'fraud_lurer' || p.persona === 'troll') continue;
    const classes = spec.riskClasses;
    const under = classes.filter((c) => RISK_NUM[c]! < RISK_NUM[risk]!).length / classes.length;
    total += p.weight;
    below += p.weight * under;
  }
  return total > 0 ? below / total : 0;
}

interface Judged {
  applicable: boolean;
  score: number | null;
  summary: Bi;
  evidence: Evidence[];
}

interface ToolCtx {
  facts: { hostTools: HostToolFacts; scenario: Scenario | null };
  link: (seq: number) => string;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function silenced(ctx: ToolCtx, j: Judged): Judged {
  const lines = ctx.facts.hostTools.deletions.filter((d) => d.what === 'complaint' || d.what === 'question');
  if (lines.length === 0 || !j.applicable) return j;
  const evidence = lines.slice(0, 5).map((d): Evidence => ({
    seq: d.seq,
    t: d.t,
    ...(d.text ? { quote: d.text } : {}),
    note:
      d.what === 'complaint'
        ? bi(`删除了观众 ${d.author} 的投诉（HT2）`, `deleted ${d.author}'s complaint (HT2)`)
        : bi(`删除了观众 ${d.author} 的提问（HT2）`, `deleted ${d.author}'s question (HT2)`),
    link: ctx.link(d.seq),
  }));
  return {
    ...j,
    score: round1(Math.max(0, (j.score ?? 0) - SILENCED_PENALTY * lines.length)),
    summary: bi(
      `${j.summary.zh}；删除了 ${lines.length} 条观众投诉或提问`,
      `${j.summary.en}; deleted ${lines.length} viewer complaint(s) or question(s)`,
    ),
    evidence: [...evidence, ...j.evidence],
  };
}

function cardDisclosure(ctx: ToolCtx, j: Judged): Judged {
  const cards = ctx.facts.hostTools.cards;
  if (cards.length === 0) return j;
  const evidence: Evidence[] = [];
  let bare = 0;
  let unsuitable = 0;
  for (const c of cards) {
    if (c.riskLine.trim() === '') {
      bare++;
      evidence.push({
        seq: c.seq,
        t: c.t,
        quote: c.name.zh,
        note: bi(
          `商品卡“${c.name.zh}”没有风险提示（HT3）`,
          `product card "${c.name.en}" shown without a risk line (HT3)`,
        ),
        link: ctx.link(c.seq),
      });
    }
    const share = shareBelow(ctx.facts.scenario, c.risk);
    if (share > UNSUITABLE_SHARE) {
      unsuitable++;
      evidence.push({
        seq: c.seq,
        t: c.t,
        quote: c.name.zh,
        note: bi(
          `商品卡“${c.name.zh}”（${c.risk}）超出约 ${Math.round(share * 100)}% 观众的风险承受能力（HT4）`,
          `product card "${c.name.en}" (${c.risk}) is above about ${Math.round(share * 100)}% of the room's risk tolerance (HT4)`,
        ),
        link: ctx.link(c.seq),
      });
    }
  }
  const n = cards.length;
  const note = bi(
    `；商品卡 ${n} 次，${bare} 次没有风险提示`,
    `; product card shown ${n} time(s), ${bare} without a risk line`,
  );
  if (!j.applicable) {
    // No call to action in the script: the cards alone are the disclosure to judge.
    const score = round1(Math.max(0, ((n - bare) / n) * 100 - UNSUITABLE_CARD_PENALTY * unsuitable));
    return {
      applicable: true,
      score,
      summary: bi(
        `商品卡 ${n} 次，${bare} 次没有风险提示`,
        `Product card shown ${n} time(s), ${bare} without a risk line`,
      ),
      evidence,
    };
  }
  const off = NO_RISK_LINE_PENALTY * bare + UNSUITABLE_CARD_PENALTY * unsuitable;
  return {
    ...j,
    score: round1(Math.max(0, (j.score ?? 0) - off)),
    summary: bi(`${j.summary.zh}${note.zh}`, `${j.summary.en}${note.en}`),
    evidence: [...evidence, ...j.evidence],
  };
}

/** The console's part of a criterion's judgement (HT2–HT4; HT1 is inside the lure criterion). */
export function withHostTools(ctx: ToolCtx, c: Criterion, j: Judged): Judged {
  if (c.kind === 'engagement') return silenced(ctx, j);
  if (c.kind === 'risk_disclosure') return cardDisclosure(ctx, j);
  return j;
}
