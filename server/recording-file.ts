/**
 * Recording files (docs/RECORDING.md): JSON Lines, a header line then one event per line;
 * gzipped when the name ends in .gz. Written by `simulate` and `export`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SessionEvent } from '../core/events.js';
import { RECORDING_FORMAT_VERSION, type SessionRecord } from './store/recording-store.js';

export const RECORDING_FORMAT = 'branchcast-recording';

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  sessionId: string;
  scenarioId: string;
  seed: number;
  createdAt: number;
  events: number;
  /** What made the file, e.g. `simulate --host careful`. */
  source: string;
}

export function recordingText(record: SessionRecord, events: readonly SessionEvent[], source: string): string {
  const header: RecordingHeader = {
    format: RECORDING_FORMAT,
    version: RECORDING_FORMAT_VERSION,
    sessionId: record.sessionId,
    scenarioId: record.scenarioId,
    seed: record.seed,
    createdAt: record.createdAt,
    events: events.length,
    source,
  };
  const lines = [JSON.stringify(header)];
  for (const e of events) lines.push(JSON.stringify(e));
  return lines.join('\n') + '\n';
}

export function writeRecordingFile(
  file: string,
  record: SessionRecord,
  events: readonly SessionEvent[],
  source: string,
): number {
  const text = recordingText(record, events, source);
  const data = file.endsWith('.gz') ? gzipSync(text) : Buffer.from(text, 'utf8');
  writeFileSync(file, data);
  return data.length;
}

/** Read a recording file (gzipped or not). Throws an Error naming the file and line on bad input. */
export function readRecordingFile(file: string): { header: RecordingHeader; events: SessionEvent[] } {
  const raw = readFileSync(file);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const lines = text.split('\n');
  let header: RecordingHeader | null = null;
  const events: SessionEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`${file}: line ${i + 1}: not JSON`);
    }
    if (header === null) {
      const h = v as Partial<RecordingHeader>;
      if (h.format !== RECORDING_FORMAT) throw new Error(`${file}: line 1: expected a "${RECORDING_FORMAT}" header`);
      if (typeof h.version !== 'number' || h.version > RECORDING_FORMAT_VERSION)
        throw new Error(`${file}: line 1: recording version ${String(h.version)} is newer than this Branchcast reads`);
      header = h as RecordingHeader;
      continue;
    }
    events.push(v as SessionEvent);
  }
  if (header === null) throw new Error(`${file}: empty file`);
  return { header, events };
}
