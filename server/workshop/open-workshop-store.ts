/**
 * The workshop's store next to the recordings: the same SQLite file when recordings are in one
 * (data/branchcast.db), in memory when they are (`--memory`, tests).
 */
import type { RecordingStore } from '../store/recording-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { MemoryWorkshopStore } from './workshop-store-memory.js';
import { SqliteWorkshopStore } from './workshop-store-sqlite.js';
import type { WorkshopStore } from './workshop-store.js';

export function openWorkshopStore(recordings: RecordingStore): WorkshopStore {
  if (recordings instanceof SqliteStore && recordings.file !== ':memory:')
    return new SqliteWorkshopStore(recordings.file);
  return new MemoryWorkshopStore();
}
