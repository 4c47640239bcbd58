/**
 * The labelled corpus item (test/fixtures/compliance/corpus/*.jsonl, docs in CORPUS-FORMAT) and
 * how one item becomes the detector's input. Pure: parsing only, files are read at the edge.
 */
import { CATEGORIES, type Category } from '../categories.js';
import type { CheckContext, Turn } from './context.js';

export interface CorpusItem {
  readonly id: string;
  readonly text: string;
  readonly labels: readonly Category[];
  readonly context?: readonly Turn[] | string;
  readonly banner?: boolean;
  readonly lang?: string;
  readonly voice?: string;
  readonly source?: string;
}

const KNOWN = new Set<string>(CATEGORIES);

/** Parses JSONL; throws with the line number on a bad line (the corpus must stay valid). */
export function parseCorpus(jsonl: string, file = 'corpus'): CorpusItem[] {
  const out: CorpusItem[] = [];
  const lines = jsonl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const o = JSON.parse(line) as CorpusItem;
    if (typeof o.id !== 'string' || typeof o.text !== 'string' || !Array.isArray(o.labels))
      throw new Error(`${file}:${i + 1}: id, text and labels are required`);
    for (const l of o.labels) if (!KNOWN.has(l)) throw new Error(`${file}:${i + 1}: unknown category ${l}`);
    out.push(o);
  }
  return out;
}

/** The context the detector gets for an item: its earlier turns and the banner. */
export function contextOf(item: CorpusItem): CheckContext {
  return { turns: item.context, banner: item.banner === true };
}
