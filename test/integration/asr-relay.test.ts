/**
 * On-premises recognition through the server's relay (server/voice/asr-relay.ts), with real
 * WebSockets both ways and test/harness/fake-funasr.ts standing in for a FunASR runtime (no
 * Mandarin weights can be installed here; the stand-in speaks the documented 2-pass protocol and
 * answers scripted sentences, segmenting the real audio it is sent by level).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Report } from '../../core/rubric/report-model.js';
import { END_OF_SPEECH, funAsrInit, parseFunAsrResult, type FunAsrResult } from '../../core/voice/funasr-protocol.js';
import { createPcm16Encoder, pcm16Bytes } from '../../core/voice/pcm16.js';
import { parseWav } from '../../core/voice/wav.js';
import type { RunningServer } from '../../server/main.js';
import { startFakeFunAsr, type FakeFunAsr } from '../harness/fake-funasr.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

const SCRIPT = ['各位好，今天聊基金定投', '这只基金稳赚不赔，保本保收益'];
let fake: FakeFunAsr;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  fake = await startFakeFunAsr(SCRIPT);
  server = await startTestServer({ asr: { url: fake.url, browser: false } });
  cookie = await facilitatorCookie(server);
});
afterAll(async () => {
  await server.close();
  await fake.close();
});

const wsUrl = (code: string) => `${server.url.replace(/^http/, 'ws')}/api/asr/stream?code=${code}`;

/** Open a stream; resolves with the socket once open, or rejects with the refusal's status. */
function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Stream a WAV file as 60 ms PCM frames, end the speech, collect results until the final one. */
async function recognise(ws: WebSocket, file: string): Promise<{ results: FunAsrResult[]; sent: number }> {
  const results: FunAsrResult[] = [];
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => {
      const r = parseFunAsrResult(d.toString());
      if (!r) return reject(new Error(`not a result: ${d.toString()}`));
      results.push(r);
      if (r.is_final) resolve();
    });
    ws.once('close', () => resolve());
  });
  ws.send(JSON.stringify(funAsrInit('trainee-1', ['基金定投'])));
  const wav = parseWav(new Uint8Array(readFileSync(file)));
  const enc = createPcm16Encoder(wav.sampleRate);
  let sent = 0;
  for (let i = 0; i < wav.samples.length; i += 128)
    for (const f of enc.push(wav.samples.subarray(i, i + 128))) {
      const bytes = pcm16Bytes(f);
      sent += bytes.length;
      ws.send(bytes);
    }
  // Silence after the speech, as a microphone gives.
  for (let i = 0; i < 20; i++) {
    ws.send(new Uint8Array(1920));
    sent += 1920;
  }
  ws.send(END_OF_SPEECH);
  await done;
  return { results, sent };
}

describe('speech recognition relayed to a FunASR 2-pass server', () => {
  it('tells the client which recognisers it may use', async () => {
    const res = await fetch(`${server.url}/api/asr`);
    expect(await res.json()).toEqual({ funasr: true, browser: false });
  });

  it('relays the init, the PCM and the end; partial text comes before each corrected sentence', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    const ws = await open(wsUrl(room.record.codes.trainee));
    const { results, sent } = await recognise(ws, 'test/fixtures/voice/pauses.wav');
    ws.close();
    expect(fake.inits.at(-1)).toMatchObject({ mode: '2pass', chunk_size: [5, 10, 5], wav_name: 'trainee-1' });
    expect(JSON.parse(fake.inits.at(-1)!.hotwords)).toEqual({ 基金定投: 20 });
    await expect.poll(() => fake.audioBytes()).toBe(sent);
    const finals = results.filter((r) => r.mode === '2pass-offline' && r.text);
    // pauses.wav has one silence long enough to close a sentence (1.2 s), then the end.
    expect(finals.map((r) => r.text)).toEqual(SCRIPT);
    expect(results.findIndex((r) => r.mode === '2pass-online')).toBeLessThan(results.indexOf(finals[0]!));
    expect(finals[0]!.timestamp?.length).toBe([...SCRIPT[0]!].length);
    expect(results.at(-1)!.is_final).toBe(true);
  });

  it('the recognised line, said as the host, is scored like a typed one', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    const trainee = await joinPeer(server.url, room.record.codes.trainee, '学员', 'trainee');
    try {
      await trainee.send('session.start', {});
      const ws = await open(wsUrl(room.record.codes.trainee));
      const { results } = await recognise(ws, 'test/fixtures/voice/pauses.wav');
      ws.close();
      for (const r of results)
        if (r.mode === '2pass-offline' && r.text) await trainee.send('host.say', { text: r.text, lineIndex: null });
      await trainee.send('session.end', {});
    } finally {
      trainee.close();
    }
    const res = await fetch(`${server.url}/api/sessions/${room.id}/report`, { headers: { cookie } });
    const report = (await res.json()) as Report;
    expect(JSON.stringify(report.findings)).toContain('稳赚不赔');
    expect(
      report.findings.some((f) => f.category === 'guarantee_of_principal' || f.category === 'promise_of_returns'),
    ).toBe(true);
  });

  it('refuses a stream without a trainee code, from another origin, or for an ended session', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    await expect(open(wsUrl('NOPE'))).rejects.toThrow('status 403');
    await expect(open(wsUrl(room.record.codes.bot))).rejects.toThrow('status 403');
    await expect(open(wsUrl(room.record.codes.trainee), { origin: 'http://evil.example' })).rejects.toThrow(
      'status 403',
    );
    server.store.setStatus(room.id, 'ended');
    await expect(open(wsUrl(room.record.codes.trainee))).rejects.toThrow('status 409');
  });

  it('closes a stream whose first message is not a 2-pass init, with the reason in Chinese and English', async () => {
    const room = await server.rooms.create(server.scenarios.get('new-energy-fund-live')!);
    const ws = await open(wsUrl(room.record.codes.trainee));
    const msg = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
    ws.send(JSON.stringify({ mode: 'offline', wav_name: 'x', is_speaking: true }));
    const body = JSON.parse(await msg) as { error: string; message: string };
    expect(body.error).toBe('BAD_PAYLOAD');
    expect(body.message).toMatch(/开始消息无效.*\/ bad first message/);
  });
});

describe('without a FunASR server', () => {
  it('says so, refuses streams, and reports an unreachable one in both languages', async () => {
    const none = await startTestServer({ asr: { url: null } });
    const dead = await startTestServer({ asr: { url: 'ws://127.0.0.1:9' } });
    try {
      expect(await (await fetch(`${none.url}/api/asr`)).json()).toEqual({ funasr: false, browser: true });
      const room = await none.rooms.create(none.scenarios.get('new-energy-fund-live')!);
      await expect(
        open(`${none.url.replace(/^http/, 'ws')}/api/asr/stream?code=${room.record.codes.trainee}`),
      ).rejects.toThrow('status 503');
      const room2 = await dead.rooms.create(dead.scenarios.get('new-energy-fund-live')!);
      const ws = await open(`${dead.url.replace(/^http/, 'ws')}/api/asr/stream?code=${room2.record.codes.trainee}`);
      const msg = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
      ws.send(JSON.stringify(funAsrInit('x')));
      const body = JSON.parse(await msg) as { error: string; message: string };
      expect(body.error).toBe('ASR_UNREACHABLE');
      expect(body.message).toContain('连不上语音识别服务器');
    } finally {
      await none.close();
      await dead.close();
    }
  });
});
