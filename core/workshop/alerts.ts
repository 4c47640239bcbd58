/**
 * The wall's alerts (issue 17 pt 2): what a facilitator watching twenty rooms must look at now.
 * Pure: the server hands in a room's facts at its current session time; nothing here reads a
 * clock. An alert has a stable id (kind + the seq that caused it), so the console can keep a feed
 * and remember which ones were seen.
 *
 * - critical: a critical finding (a red line) — shown for CRITICAL_HOLD_MS after it was said;
 * - lure: a fraud lure in chat that no warning has followed for LURE_LIMIT_MS;
 * - question: a viewer's question waiting longer than QUESTION_LIMIT_MS;
 * - help: the trainee pressed 求助 (until it is withdrawn or handled).
 */
import type { Bi } from '../rubric/report-model.js';

export const ALERT_KINDS = ['critical', 'lure', 'question', 'help'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Limits in session ms (docs/WORKSHOP.md "The wall"). */
export const ALERT_LIMITS = { criticalHoldMs: 120_000, lureMs: 30_000, questionMs: 60_000 } as const;

export interface LiveAlert {
  id: string;
  kind: AlertKind;
  /** Session t (recording time) of what caused it. */
  t: number;
  /** The same moment on the stream clock, null before the start. */
  streamT: number | null;
  /** What was said (the finding's quote, the lure, the question), null for help. */
  text: string | null;
  /** The finding's name (critical) or who wrote it (lure, question). */
  name: Bi | null;
  by: string | null;
}

export interface AlertInput {
  /** Session t now. */
  now: number;
  startedT: number | null;
  ended: boolean;
  findings: ReadonlyArray<{ seq: number; t: number; critical: boolean; name: Bi; quote: string }>;
  lures: ReadonlyArray<{ seq: number; t: number; text: string; by: string }>;
  /** Session t of every host warning about a lure (core/rubric isLureWarning), in order. */
  warnings: readonly number[];
  /** Questions still waiting for the host, oldest first. */
  questions: ReadonlyArray<{ seq: number; t: number; text: string; askedBy: string }>;
  helpRequestedT: number | null;
  limits?: Partial<typeof ALERT_LIMITS>;
}

export function alertsOf(i: AlertInput): LiveAlert[] {
  if (i.ended) return [];
  const lim = { ...ALERT_LIMITS, ...i.limits };
  const stream = (t: number) => (i.startedT === null ? null : Math.max(0, t - i.startedT));
  const out: LiveAlert[] = [];
  if (i.helpRequestedT !== null)
    out.push({
      id: `help:${i.helpRequestedT}`,
      kind: 'help',
      t: i.helpRequestedT,
      streamT: stream(i.helpRequestedT),
      text: null,
      name: null,
      by: null,
    });
  for (const f of i.findings) {
    if (!f.critical || i.now - f.t > lim.criticalHoldMs) continue;
    out.push({
      id: `critical:${f.seq}`,
      kind: 'critical',
      t: f.t,
      streamT: stream(f.t),
      text: f.quote,
      name: f.name,
      by: null,
    });
  }
  for (const l of i.lures) {
    if (i.now - l.t < lim.lureMs) continue;
    if (i.warnings.some((w) => w >= l.t)) continue;
    out.push({ id: `lure:${l.seq}`, kind: 'lure', t: l.t, streamT: stream(l.t), text: l.text, name: null, by: l.by });
  }
  for (const q of i.questions) {
    if (i.now - q.t < lim.questionMs) continue;
    out.push({
      id: `question:${q.seq}`,
      kind: 'question',
      t: q.t,
      streamT: stream(q.t),
      text: q.text,
      name: null,
      by: q.askedBy,
    });
  }
  return out.sort((a, b) => b.t - a.t);
}
