/** A facilitator's note on a recording: kept apart from the immutable event log (docs/RECORDING.md). */
export type AnnotationSeverity = 'info' | 'minor' | 'major' | 'critical';

export interface Annotation {
  id: string;
  sessionId: string;
  /** The moment (or the start of the span) as an event seq, and its t. */
  seq: number;
  t: number;
  /** End of a span, or null for a moment. */
  toSeq: number | null;
  text: string;
  category: string | null;
  severity: AnnotationSeverity | null;
  author: string;
  createdAt: number;
  updatedAt: number;
}
