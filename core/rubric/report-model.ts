/**
 * The report model: what the report page, the HTML export and `branchcast score` show. Plain
 * JSON (no Maps, no functions) so the REST endpoint can send it as it is. Text the trainee reads
 * is bilingual; the renderer picks the language.
 */
import type { Category, Severity } from './categories.js';
import type { CriterionKind } from './rubric-schema.js';
import { formatDuration } from '../stream-time.js';

export interface Bi {
  zh: string;
  en: string;
}

export const bi = (zh: string, en: string): Bi => ({ zh, en });

/** A moment in the session that backs a score: links to the replay at `seq`. */
export interface Evidence {
  seq: number;
  /** Recording time (ms since the room was created). */
  t: number;
  /** Stream time (core/stream-time.ts), null before the start: what the report shows. */
  streamT?: number | null;
  /** The words said or posted, when the evidence is an utterance. */
  quote?: string;
  note: Bi;
  link: string;
}

export interface CriterionResult {
  kind: CriterionKind;
  label: Bi;
  weight: number;
  /** False when the session gave the criterion nothing to judge (no questions, no incident…). */
  applicable: boolean;
  /** 0–100, or null when not applicable. */
  score: number | null;
  /** What the criterion adds to the total (its share of the applicable weight × score). */
  points: number;
  summary: Bi;
  /** Set when the criterion could not be judged and its weight went to the others (DN2). */
  weightNote?: Bi;
  evidence: Evidence[];
}

export interface ReportFinding {
  seq: number;
  /** Recording time (ms since the room was created). */
  t: number;
  /** Stream time (core/stream-time.ts), null before the start: what every view shows. */
  streamT: number | null;
  source: 'host' | 'chat';
  category: Category;
  name: Bi;
  severity: Severity;
  /** Critical under this rubric: caps the total below the pass mark. */
  critical: boolean;
  rule: string;
  /** Every rule of the category that fired on the utterance: one card lists them (FD1). */
  rules: string[];
  /** The host line that retracted this claim (CR1): "更正于 mm:ss". */
  corrected: { seq: number; t: number; streamT: number | null } | null;
  /** The law or guideline the category comes from (CATALOGUE sources). */
  law: string;
  /** The matched words and the whole utterance (UTF-16 offsets into `text`). */
  quote: string;
  text: string;
  start: number;
  end: number;
  explanation: Bi;
  suggestion: Bi;
  link: string;
}

export interface Report {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: Bi;
  rubricId: string;
  rubricTitle: Bi;
  programmeRef: string;
  passMark: number;
  /** The weighted total before any critical cap. */
  rawTotal: number;
  total: number;
  capped: boolean;
  pass: boolean;
  grade: number;
  band: Bi;
  criteria: CriterionResult[];
  findings: ReportFinding[];
  /**
   * Set on a branch's report: it covers only what happened after the branch point (a retry of
   * the parent from atT, stream time ms); absent for an original session.
   */
  retryOf?: { parentSessionId: string; atSeq: number; atT: number };
  timelines: {
    /** [t ms, bots online] */
    audience: Array<[number, number]>;
    /** [t ms, mean sentiment −1…1] */
    sentiment: Array<[number, number]>;
    /** The measured voice (voice.sample), when there was one: [t ms, syllables/min], [t ms, pause ms]. */
    voice?: { pace: Array<[number, number]>; pauses: Array<[number, number]> };
  };
  stats: {
    events: number;
    lastSeq: number;
    startedT: number | null;
    endedT: number | null;
    durationMs: number;
    hostLines: number;
    questions: number;
    answered: number;
    lures: number;
    peakAudience: number;
    intents: Record<string, number>;
    /** Viewers who left, by reason (ignored, bored, curve, offended). */
    departures: Record<string, number>;
  };
}

/** Where the replay shows a moment (the replay page is a later issue; one place to change). */
export function replayLink(sessionId: string, seq: number): string {
  return `/replay/${encodeURIComponent(sessionId)}?seq=${seq}`;
}

/** A length of time as mm:ss (durations only: moments go through core/stream-time.ts). */
export function formatT(ms: number): string {
  return formatDuration(ms);
}
