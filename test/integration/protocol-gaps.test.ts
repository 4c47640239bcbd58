/**
 * Small protocol gaps (issue 15, point 8): unknown events spend rate-limit tokens (2,000 of them
 * no longer get 2,000 answers); a null payload is not `{}` (a trainee's null `session.end` does
 * not end the session); sizes are counted in bytes; a binary payload gets a short message; and
 * Socket.IO's own HTTP error answers carry the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { connect, joinPeer, type Peer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let trainee: Peer;
beforeAll(async () => {
  server = await startTestServer();
  trainee = await joinPeer(server.url, server.demo!.codes.trainee, '学员', 'trainee');
});
afterAll(async () => {
  trainee?.close();
  await server?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('protocol gaps', () => {
  it('2,000 unknown events get at most a burst of answers, not 2,000', async () => {
    const s = await connect(server.url);
    let answered = 0;
    let notices = 0;
    s.on('notice', () => notices++);
    const emit = (ev: string, ...a: unknown[]) =>
      (s as unknown as { emit(ev: string, ...a: unknown[]): void }).emit(ev, ...a);
    for (let i = 0; i < 1000; i++) emit(`no.such.event.${i}`, {}, () => answered++);
    for (let i = 0; i < 1000; i++) emit(`no.such.event.${i}`, {});
    await sleep(1000);
    console.log(`2,000 unknown events: ${answered} acks and ${notices} notices answered`);
    expect(answered + notices).toBeLessThanOrEqual(40);
    expect(answered).toBeGreaterThan(0);
    s.disconnect();
  });

  it('a null session.end is refused and the session goes on; an omitted empty payload is fine', async () => {
    await trainee.send('session.start');
    const ended = await trainee.send('session.end', null);
    expect(ended).toMatchObject({
      ok: false,
      code: 'BAD_PAYLOAD',
      message: 'session.end: expected a JSON object as the payload, got null',
    });
    expect(server.rooms.get(server.demo!.sessionId)!.status).toBe('live');
    const chat = await trainee.send('chat.send');
    expect(chat).toMatchObject({ ok: false, code: 'BAD_PAYLOAD', message: expect.stringMatching(/got nothing$/) });
    expect(await trainee.send('chat.send', ['主播好'])).toMatchObject({ ok: false, code: 'BAD_PAYLOAD' });
  });

  it('TOO_LARGE counts bytes: 1,500 Chinese characters are 4,500 bytes', async () => {
    const text = '中'.repeat(1500);
    expect(text.length).toBeLessThan(MAX_PAYLOAD_BYTES);
    const r = await trainee.send('chat.send', { text });
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' });
  });

  it('a binary payload gets a short message, not a list of Buffer methods', async () => {
    const r = await trainee.send('chat.send', Buffer.alloc(200, 1));
    expect(r).toMatchObject({
      ok: false,
      code: 'BAD_PAYLOAD',
      message: 'chat.send: expected a JSON object as the payload, got binary data',
    });
    const j = await connect(server.url);
    const emit = (ev: string, p: unknown) =>
      (j as unknown as { emitWithAck(ev: string, p: unknown): Promise<{ message: string }> }).emitWithAck(ev, p);
    const join = await emit('join', Buffer.alloc(500, 2));
    expect(join.message.length).toBeLessThan(120);
    expect(join.message).not.toMatch(/readUInt|toJSON/);
    j.disconnect();
  });

  it("Socket.IO's own error answers carry the security headers", async () => {
    const bad = await fetch(`${server.url}/socket.io/?EIO=3&transport=polling`);
    expect(bad.status).toBe(400);
    const foreign = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    for (const r of [bad, foreign]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
