/**
 * The server's signing key (docs/RECORDING.md, "Signatures"): Ed25519 via node:crypto, created on
 * first start as `signing-key.pem` in the data folder (owner-only), or per process with --memory.
 * The hash chain shows a file was not damaged; only a signature shows which server wrote it. Its
 * fingerprint (the first 16 bytes of the SHA-256 of the public key's DER, in hex groups) is what
 * people compare: `branchcast serve` prints it, `GET /api/signing-key` serves it with the key.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'signing-key.pem';

/** What a signed file carries: who signed (fingerprint and public key) and the signature. */
export interface SignatureBlock {
  alg: 'ed25519';
  key: string;
  /** The signer's public key, SPKI DER as base64, so a file can be checked without the server. */
  publicKey: string;
  sig: string;
}

export interface Signer {
  fingerprint: string;
  publicKeyPem: string;
  /** The public key as SPKI DER, base64. */
  publicKeyDer: string;
  sign(message: string): SignatureBlock;
}

export function fingerprintOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(':');
}

/** A Signer over a private key (the PostgreSQL key store makes one from its shared key). */
export function signerFromKey(privateKey: KeyObject): Signer {
  return signerOf(privateKey);
}

function signerOf(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const fingerprint = fingerprintOf(publicKey);
  const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    fingerprint,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKeyDer,
    sign: (message) => ({
      alg: 'ed25519',
      key: fingerprint,
      publicKey: publicKeyDer,
      sig: sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    }),
  };
}

/** The data folder's key, made on first use; null: a key for this process only. */
export function loadOrCreateSigner(dataDir: string | null): Signer {
  if (dataDir === null) return signerOf(generateKeyPairSync('ed25519').privateKey);
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) return signerOf(createPrivateKey(readFileSync(file)));
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return signerOf(privateKey);
}

/** A public key from a PEM file (`--key FILE`) or an SPKI DER base64 string. */
export function publicKeyFrom(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) {
    // A private key file works too: its public half is what is compared.
    return t.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(t)) : createPublicKey(t);
  }
  return createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
}

export type SignatureCheck =
  | { status: 'unsigned' }
  | { status: 'signed'; fingerprint: string }
  | { status: 'mismatch'; fingerprint: string; why: string };

/** Check `block` over `message`; with `expected`, the signer must also be that key. */
export function checkSignature(
  block: SignatureBlock | null | undefined,
  message: string,
  expected?: KeyObject,
): SignatureCheck {
  if (!block) return { status: 'unsigned' };
  let key: KeyObject;
  try {
    key = publicKeyFrom(block.publicKey);
  } catch {
    return { status: 'mismatch', fingerprint: String(block.key), why: 'the public key in the file is not valid' };
  }
  const fingerprint = fingerprintOf(key);
  if (block.alg !== 'ed25519' || typeof block.sig !== 'string')
    return { status: 'mismatch', fingerprint, why: `unknown algorithm "${String(block.alg)}"` };
  let ok = false;
  try {
    ok = verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(block.sig, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) return { status: 'mismatch', fingerprint, why: 'the file was changed after it was signed' };
  if (expected && fingerprintOf(expected) !== fingerprint)
    return {
      status: 'mismatch',
      fingerprint,
      why: `signed by ${fingerprint}, not by the given key ${fingerprintOf(expected)}`,
    };
  return { status: 'signed', fingerprint };
}

/** One line for people: "signed by …", "unsigned", "signature does not match (…)". */
export function describeSignature(c: SignatureCheck): string {
  if (c.status === 'unsigned') return 'unsigned';
  if (c.status === 'signed') return `signed by ${c.fingerprint}`;
  return `signature does not match (${c.why})`;
}
