/** What a recording file's signature covers (docs/RECORDING.md, "Signatures"), and its shape. */
import { createHash } from 'node:crypto';
import type { SignatureBlock } from './signing.js';

/**
 * What a signature covers: the header line exactly as written, the chain's last hash (which
 * covers every event) and the annotation lines' SHA-256. Changing any byte of those breaks it.
 */
export function signedText(headerLine: string, chainHead: string, annotationLines: readonly string[]): string {
  const notes = createHash('sha256').update(annotationLines.join('\n'), 'utf8').digest('hex');
  return `branchcast-recording-signature-v1\n${headerLine}\n${chainHead}\n${notes}`;
}

export function isSignatureBlock(v: unknown): v is SignatureBlock {
  return typeof v === 'object' && v !== null && 'sig' in v && 'publicKey' in v;
}
