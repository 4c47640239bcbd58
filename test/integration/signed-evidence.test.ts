/**
 * Signed evidence (issue 15, point 4): a recording forged with a new session id and an invented
 * trainee line, chain recomputed, verifies as "unsigned"; with a signature copied from a real
 * export, "signature does not match"; signed with another key, it is not this server's. A real
 * export verifies as "signed by" this server's key (also from `branchcast verify --key`), an
 * import keeps the original signature and says whose, and the evidence pack holds everything a
 * reviewer needs, its report signature checkable with the public key alone.
 */
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { RunningServer } from '../../server/main.js';
import { readRecording, recordingText } from '../../server/recordings/recording-file.js';
import { KEY_FILE, type Signer } from '../../server/recordings/signing.js';
import { reportSignedText } from '../../server/reports/report-routes.js';
import { joinPeer } from '../harness/peers.js';
import { createSession, facilitatorCookie, startTestServer } from '../harness/test-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'branchcast-sign-'));
let a: RunningServer;
let cookie: string;
let sessionId: string;
let exported: Buffer;

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/branchcast.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(async () => {
  a = await startTestServer({ dataDir: join(dir, 'a'), defaultRoom: false });
  cookie = await facilitatorCookie(a);
  const s = await createSession(a, 'anti-fraud-live', cookie);
  sessionId = s.sessionId;
  const t = await joinPeer(a.url, s.codes.trainee!, '学员', 'trainee');
  await t.send('session.start', {});
  await t.send('host.say', { text: '投资有风险，入市需谨慎。', lineIndex: null });
  t.close();
  const res = await fetch(`${a.url}/api/sessions/${sessionId}/recording`, { headers: { cookie } });
  exported = Buffer.from(await res.arrayBuffer());
  writeFileSync(join(dir, 'real.jsonl.gz'), exported);
  writeFileSync(join(dir, 'a.pub.pem'), a.signer.publicKeyPem);
});
afterAll(async () => {
  await a?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The attacker's forgery: a new id, an invented trainee line, the chain recomputed from scratch. */
function forge(signer?: Signer): string {
  const r = readRecording('real', exported);
  const id = 'forged-session-0001';
  const events = r.events.map((e) => ({ ...e, sessionId: id })) as SessionEvent[];
  const say = events.find((e) => e.type === 'host.said') as Extract<SessionEvent, { type: 'host.said' }>;
  say.text = '这只股票保证翻倍，闭眼买。';
  const rec = {
    sessionId: id,
    scenarioId: r.header.scenarioId,
    seed: r.header.seed,
    codes: { trainee: 'AAAAAA', facilitator: 'BBBBBB', observer: 'CCCCCC', bot: 'DDDDDD' },
    createdAt: r.header.createdAt,
    status: 'ended' as const,
    demo: false,
  };
  return recordingText(rec, events, 'export', [], { signer });
}

describe('signed evidence', () => {
  it('the key is made on first start under the data folder, owner-only, and is the one served', async () => {
    const st = statSync(join(dir, 'a', KEY_FILE));
    expect(st.mode & 0o077).toBe(0);
    const served = (await (await fetch(`${a.url}/api/signing-key`)).json()) as { fingerprint: string };
    expect(served.fingerprint).toBe(a.signer.fingerprint);
    expect(a.signer.fingerprint).toMatch(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
  });

  it('an export verifies as signed by this server; `branchcast verify --key` says so', () => {
    const r = readRecording('real', exported, { key: createPublicKey(a.signer.publicKeyPem) });
    expect(r.signature).toEqual({ status: 'signed', fingerprint: a.signer.fingerprint });
    const v = cli('verify', join(dir, 'real.jsonl.gz'), '--key', join(dir, 'a.pub.pem'));
    expect(v.code).toBe(0);
    expect(v.out).toContain(`signature: signed by ${a.signer.fingerprint}`);
  });

  it('a forged recording: unsigned; with a copied signature or another key: does not match', () => {
    const unsigned = forge();
    writeFileSync(join(dir, 'forged.jsonl'), unsigned);
    const plain = cli('verify', join(dir, 'forged.jsonl'));
    expect(plain.out).toContain('signature: unsigned');
    const withKey = cli('verify', join(dir, 'forged.jsonl'), '--key', join(dir, 'a.pub.pem'));
    expect(withKey.code).toBe(1);

    const realEnd = JSON.parse(gunzipSync(exported).toString('utf8').trimEnd().split('\n').at(-1)!) as {
      signature: unknown;
    };
    const lines = unsigned.trimEnd().split('\n');
    const end = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    lines[lines.length - 1] = JSON.stringify({ ...end, signature: realEnd.signature });
    writeFileSync(join(dir, 'copied.jsonl'), lines.join('\n') + '\n');
    const copied = cli('verify', join(dir, 'copied.jsonl'));
    expect(copied.code).toBe(1);
    expect(copied.out).toContain('signature does not match');

    const other = generateKeyPairSync('ed25519').privateKey;
    const mallory: Signer = {
      ...a.signer,
      sign: (m) => ({
        alg: 'ed25519',
        key: 'x',
        publicKey: createPublicKey(other).export({ type: 'spki', format: 'der' }).toString('base64'),
        sig: sign(null, Buffer.from(m), other).toString('base64'),
      }),
    };
    writeFileSync(join(dir, 'mallory.jsonl'), forge(mallory));
    const theirs = cli('verify', join(dir, 'mallory.jsonl'));
    expect(theirs.out).toMatch(/signature: signed by [0-9a-f:]+/);
    expect(theirs.out).not.toContain(a.signer.fingerprint);
    const against = cli('verify', join(dir, 'mallory.jsonl'), '--key', join(dir, 'a.pub.pem'));
    expect(against.code).toBe(1);
    expect(against.out).toContain('signature does not match');
  });

  it('an import keeps the original signature and says whose; a copied signature is refused', async () => {
    const b = await startTestServer({ dataDir: join(dir, 'b'), defaultRoom: false });
    try {
      const bCookie = await facilitatorCookie(b);
      const post = (body: Uint8Array) =>
        fetch(`${b.url}/api/recordings`, {
          method: 'POST',
          headers: { cookie: bCookie, 'content-type': 'application/octet-stream' },
          body: body as unknown as BodyInit,
        });
      const bad = await post(readFileSync(join(dir, 'copied.jsonl')));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toContain('signature does not match');
      const ok = await post(exported);
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({
        signature: { status: 'signed', fingerprint: a.signer.fingerprint, thisServer: false },
      });
      const again = await fetch(`${b.url}/api/sessions/${sessionId}/recording`, { headers: { cookie: bCookie } });
      const r = readRecording('re-export', Buffer.from(await again.arrayBuffer()));
      expect(r.signature).toEqual({ status: 'signed', fingerprint: b.signer.fingerprint });
      expect(r.original?.check).toEqual({ status: 'signed', fingerprint: a.signer.fingerprint });
    } finally {
      await b.close();
    }
  });

  it('the evidence pack is one zip: recording, report and its signature, public key, README', async () => {
    const res = await fetch(`${a.url}/api/sessions/${sessionId}/evidence`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'recording.jsonl.gz',
        'report.html',
        'report.json',
        'report.json.sig',
        'signature.json',
        'signing-key.pub.pem',
      ].sort(),
    );
    const pem = strFromU8(files['signing-key.pub.pem']!);
    expect(verify(null, files['report.json']!, createPublicKey(pem), files['report.json.sig']!)).toBe(true);
    const recording = readRecording('pack', Buffer.from(files['recording.jsonl.gz']!), { key: createPublicKey(pem) });
    expect(recording.signature.status).toBe('signed');
    const report = JSON.parse(strFromU8(files['report.json']!)) as { chainHead: string };
    expect(report.chainHead).toBe(recording.hashes.at(-1));
    expect(strFromU8(files['README.txt']!)).toContain(a.signer.fingerprint);
    // A changed report no longer verifies.
    const changed = Buffer.from(files['report.json']!);
    changed[20] = changed[20]! ^ 1;
    expect(verify(null, changed, createPublicKey(pem), files['report.json.sig']!)).toBe(false);
  });

  it('a report answer carries a signature over the session, its chain head and the body', async () => {
    const res = await fetch(`${a.url}/api/sessions/${sessionId}/report`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = await res.text();
    const m = /^ed25519 key=(\S+) chain=([0-9a-f]+) sig=(\S+)$/.exec(res.headers.get('branchcast-signature') ?? '');
    expect(m?.[1]).toBe(a.signer.fingerprint);
    const head = a.store.readHashes(sessionId).at(-1)!.hash;
    expect(m?.[2]).toBe(head);
    const key = createPublicKey(a.signer.publicKeyPem);
    const signed = (b: string) => Buffer.from(reportSignedText(sessionId, head, b));
    expect(verify(null, signed(body), key, Buffer.from(m![3]!, 'base64'))).toBe(true);
    expect(verify(null, signed(body.replace('"total"', '"tota1"')), key, Buffer.from(m![3]!, 'base64'))).toBe(false);
  });

  it('a restart keeps the key', async () => {
    const before = a.signer.fingerprint;
    await a.close();
    // `branchcast export` signs with the same key file.
    const file = join(dir, 'cli-export.jsonl.gz');
    const ex = cli('export', sessionId, '--out', file, '--data', join(dir, 'a'));
    expect(ex.code).toBe(0);
    expect(ex.out).toContain(`signed by ${before}`);
    expect(cli('verify', file, '--key', join(dir, 'a.pub.pem')).out).toContain(`signature: signed by ${before}`);
    a = await startTestServer({ dataDir: join(dir, 'a'), defaultRoom: false });
    expect(a.signer.fingerprint).toBe(before);
  });
});
