/**
 * Recording files (docs/RECORDING.md): JSON Lines, a header line then one event per line;
 * gzipped when the name ends in .gz. Written by `simulate` and `export`.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
