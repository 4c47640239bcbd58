/** Adding a read recording to a store: the one place the CLI and the REST import share. */
import { newCodes } from '../rooms/join-codes.js';
import type { Recording } from './recording-file.js';
import type { RecordingStore } from '../store/recording-store.js';
import type { SignatureStore } from './signature-store.js';

/**
 * Import all or nothing. Imported sessions are for replay: they get fresh join codes and status
 * `ended`, so they never resume as live rooms. Throws StoreError if the session is already there.
 */
export function importRecording(
  store: RecordingStore,
  r: Recording,
  signatures?: SignatureStore,
): { codes: ReturnType<typeof newCodes> } {
  const codes = newCodes();
  store.importSession(
    {
      sessionId: r.header.sessionId,
      scenarioId: r.header.scenarioId,
      seed: r.header.seed,
      codes,
      createdAt: r.header.createdAt,
      status: 'ended',
      demo: false,
    },
    r.events,
    r.annotations,
  );
  // The signature that came with the file is kept, so a re-export still shows whose it was.
  const kept =
    r.signature.status === 'signed'
      ? r.signatureBlock
      : r.original?.check.status === 'signed'
        ? r.original.block
        : null;
  if (kept && signatures) signatures.put(r.header.sessionId, kept);
  return { codes };
}
