/**
 * The timeline's markers, built from the recording, and what their tooltips say: words in the
 * interface language (a segment's title, an incident's title, why the stream ended), never the
 * scenario's internal ids (`lure-flood-qa`) or enum values (`facilitator`).
 */
import type { TFunction } from 'i18next';
import type { SessionEvent } from '../../../core/events.js';
import type { Bilingual, Scenario } from '../../../core/scenario.js';
import type { Lang } from '../stores/ui-store.js';
import type { TimelineMarker } from './replay-store.js';

/** Segments, incidents, the end, branch points and director lines, in event order. */
export function recordingMarkers(events: readonly SessionEvent[]): TimelineMarker[] {
  let scenario: Scenario | null = null;
  const out: TimelineMarker[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'session.created':
        scenario = e.scenario;
        break;
      case 'session.started':
      case 'segment.advanced': {
        const index = e.type === 'session.started' ? 0 : e.index;
        const title = scenario?.segments[index]?.title;
        out.push({ seq: e.seq, t: e.t, kind: 'segment', label: String(index + 1), text: title });
        break;
      }
      case 'incident.fired': {
        const title = scenario?.incidents.find((i) => i.id === e.incidentId)?.title;
        out.push({ seq: e.seq, t: e.t, kind: 'incident', label: '', text: title });
        break;
      }
      case 'session.ended':
        out.push({ seq: e.seq, t: e.t, kind: 'end', label: '', labelKey: `endReason.${e.reason}` });
        break;
      case 'session.branched':
        out.push({ seq: e.seq, t: e.t, kind: 'branch', label: '', labelKey: 'branchOf', vars: { seq: e.atSeq } });
        break;
      case 'chat.message':
        // Director mode: a viewer's line written by a facilitator, so the critique can tell it apart.
        if (e.directedBy)
          out.push({
            seq: e.seq,
            t: e.t,
            kind: 'directed',
            label: `${e.actor.name} ← ${e.directedBy.name}: ${e.text}`,
          });
        break;
      default:
        break;
    }
  }
  return out;
}

const pick = (b: Bilingual, lang: Lang) => (lang === 'en' ? b.en : b.zh);

/** The marker's own words in the interface language (the tooltip adds kind and time). */
export function markerText(m: TimelineMarker, lang: Lang, tx: TFunction): string {
  if (m.text) return m.kind === 'segment' ? `${m.label} ${pick(m.text, lang)}` : pick(m.text, lang);
  if (m.labelKey) return tx(m.labelKey, m.vars ?? {});
  return m.label;
}

export interface FindingPlace {
  /** Findings in all; how many lie before and after the shown moment; 1-based one shown now, or 0. */
  n: number;
  before: number;
  after: number;
  at: number;
}

/** Where the shown moment stands among the findings (a finding's seq is where a jump lands). */
export function findingPlace(all: readonly TimelineMarker[], seq: number): FindingPlace {
  const seqs = [...new Set(all.filter((m) => m.kind === 'finding').map((m) => m.seq))].sort((a, b) => a - b);
  const before = seqs.filter((x) => x < seq).length;
  const at = seqs.includes(seq) ? before + 1 : 0;
  return { n: seqs.length, before, after: seqs.length - before - (at ? 1 : 0), at };
}
