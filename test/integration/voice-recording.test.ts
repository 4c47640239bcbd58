/**
 * The opt-in voice recording stored beside the session (server/voice/voice-takes.ts and
 * voice-routes.ts): WebM/Opus chunks from the trainee's code, one file per take with its stream
 * start time and chunk hashes, capped, readable by the session's people, deleted on request and
 * after the retention.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.js';
import { VoiceTakes, type VoiceTake } from '../../server/voice/voice-takes.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let cookie: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bc-voice-'));
  server = await startTestServer({ dataDir: dir, voiceLimits: { chunkBytes: 4096, sessionBytes: 10_000 } });
  cookie = await facilitatorCookie(server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const chunk = (n: number, fill: number): Uint8Array<ArrayBuffer> => new Uint8Array(n).fill(fill);

async function post(
  sessionId: string,
  code: string,
  body: Uint8Array<ArrayBuffer>,
  query = '',
  type = 'audio/webm;codecs=opus',
) {
  return fetch(`${server.url}/api/sessions/${sessionId}/voice${query}`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-branchcast-code': code },
    body,
  });
}

describe('recording the trainee’s voice (opt-in)', () => {
  it('stores a take’s chunks in order with its stream start and hashes, for the session’s people', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    const code = room.record.codes.trainee;
    const first = await post(room.id, code, chunk(1000, 1), '?startT=12345');
    expect(first.status).toBe(201);
    const { take } = (await first.json()) as { take: VoiceTake };
    expect(take.startT).toBe(12345);
    const second = await post(room.id, code, chunk(500, 2), `?take=${take.id}`);
    expect(second.status).toBe(201);

    const list = await fetch(`${server.url}/api/sessions/${room.id}/voice`, { headers: { cookie } });
    const { takes } = (await list.json()) as { takes: VoiceTake[] };
    expect(takes).toHaveLength(1);
    expect(takes[0]).toMatchObject({ id: take.id, startT: 12345, bytes: 1500, chunks: 2, mime: 'audio/webm' });
    expect(takes[0]!.chunkHashes[1]).toBe(createHash('sha256').update(chunk(500, 2)).digest('hex'));

    const audio = await fetch(`${server.url}/api/sessions/${room.id}/voice/${take.id}?code=${code}`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/webm');
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect(bytes.length).toBe(1500);
    expect(bytes[999]).toBe(1);
    expect(bytes[1000]).toBe(2);
    expect(existsSync(join(dir, 'voice', room.id, `${take.id}.webm`))).toBe(true);
    // Each chunk's hash is in the session's event chain.
    const chunks = server.store.readEvents(room.id).filter((e) => e.type === 'voice.chunk');
    expect(chunks.map((e) => (e.type === 'voice.chunk' ? [e.take, e.index, e.bytes, e.sha256] : []))).toEqual([
      [take.id, 0, 1000, takes[0]!.chunkHashes[0]],
      [take.id, 1, 500, takes[0]!.chunkHashes[1]],
    ]);
  });

  it('takes audio only from the trainee of a live session, as audio, within the caps', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    const code = room.record.codes.trainee;
    expect((await post(room.id, room.record.codes.observer, chunk(10, 1))).status).toBe(403);
    expect((await post(room.id, 'NOPE', chunk(10, 1))).status).toBe(401);
    expect((await post(room.id, code, chunk(10, 1), '', 'application/json')).status).toBe(415);
    const big = await post(room.id, code, chunk(5000, 1));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { message: string }).message).toContain('音频片段过大');
    for (let i = 0; i < 2; i++) expect((await post(room.id, code, chunk(4000, 1))).status).toBe(201);
    const full = await post(room.id, code, chunk(4000, 1));
    expect(full.status).toBe(413);
    expect(((await full.json()) as { message: string }).message).toContain('本场录音已达上限');
    server.store.setStatus(room.id, 'ended');
    expect((await post(room.id, code, chunk(10, 1))).status).toBe(409);
  });

  it('deleting a session’s voice deletes its audio files', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    expect((await post(room.id, room.record.codes.trainee, chunk(100, 1))).status).toBe(201);
    expect(existsSync(join(dir, 'voice', room.id))).toBe(true);
    const del = await fetch(`${server.url}/api/sessions/${room.id}/voice`, { method: 'DELETE', headers: { cookie } });
    expect(await del.json()).toEqual({ deleted: 1 });
    expect(existsSync(join(dir, 'voice', room.id))).toBe(false);
    const list = await fetch(`${server.url}/api/sessions/${room.id}/voice`, { headers: { cookie } });
    expect(await list.json()).toEqual({ takes: [] });
  });

  it('deletes voice older than the retention', () => {
    let now = 1_000_000;
    const takes = new VoiceTakes(
      join(dir, 'sweep'),
      { chunkBytes: 100, sessionBytes: 1000, retentionMs: 1000 },
      () => now,
    );
    takes.append('old', null, 0, 'audio/webm', Buffer.alloc(10));
    now += 2000;
    takes.append('new', null, 0, 'audio/webm', Buffer.alloc(10));
    expect(takes.sweep()).toBe(1);
    expect(readdirSync(join(dir, 'sweep'))).toEqual(['new']);
  });
});
