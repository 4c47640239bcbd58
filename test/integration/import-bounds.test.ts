/**
 * Imports (issue 15, points 5 and 6): a gzip bomb (about 200 KB that expands to 200 MiB) is
 * refused 413 with nothing imported while /api/health keeps answering throughout, since the
 * decompression is a capped zlib stream, not gunzipSync on the loop. Imported headers are
 * checked: a quote in scenarioId, CRLF, `../../etc` or a 10,000-character session id are refused
 * naming the field; a download's Content-Disposition is RFC 6266 whatever the name holds.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { RunningServer } from '../../server/main.js';
import { contentDisposition } from '../../server/edge/content-disposition.js';
import { readRecording, recordingText } from '../../server/recordings/recording-file.js';
import { joinPeer } from '../harness/peers.js';
import { createSession, facilitatorCookie, startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let cookie: string;
let real: { events: SessionEvent[]; scenarioId: string; seed: number; createdAt: number };

beforeAll(async () => {
  server = await startTestServer({ defaultRoom: false });
  cookie = await facilitatorCookie(server);
  const s = await createSession(server, 'anti-fraud-live', cookie);
  const t = await joinPeer(server.url, s.codes.trainee!, '学员', 'trainee');
  await t.send('session.start', {});
  t.close();
  const res = await fetch(`${server.url}/api/sessions/${s.sessionId}/recording`, { headers: { cookie } });
  const r = readRecording('real', Buffer.from(await res.arrayBuffer()));
  real = { events: r.events, scenarioId: r.header.scenarioId, seed: r.header.seed, createdAt: r.header.createdAt };
});
afterAll(async () => server?.close());

const upload = (body: Uint8Array) =>
  fetch(`${server.url}/api/recordings`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/gzip' },
    body: body as unknown as BodyInit,
  });

function fileWith(sessionId: string, scenarioId = real.scenarioId): Buffer {
  const events = real.events.map((e) => ({ ...e, sessionId })) as SessionEvent[];
  const rec = {
    sessionId,
    scenarioId,
    seed: real.seed,
    codes: { trainee: 'A', facilitator: 'B', observer: 'C', bot: 'D' },
    createdAt: real.createdAt,
    status: 'ended' as const,
    demo: false,
  };
  return gzipSync(recordingText(rec, events, 'export'));
}

describe('import bounds', () => {
  it('a gzip bomb is refused 413 while /api/health answers throughout', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(400 * 1024);
    const latencies: number[] = [];
    let importing = true;
    let answeredDuring = 0;
    const poll = (async () => {
      while (importing) {
        const t0 = performance.now();
        const h = await fetch(`${server.url}/api/health`);
        expect(h.status).toBe(200);
        await h.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (importing) answeredDuring++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const before = server.store.listSessions().length;
    const res = await upload(bomb);
    importing = false;
    await poll;
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/refused, nothing imported: .*decompresses/);
    expect(server.store.listSessions().length).toBe(before);
    expect(answeredDuring).toBeGreaterThan(0);
    const max = Math.max(...latencies);
    console.log(
      `gzip bomb ${bomb.length} B -> 200 MiB: ${latencies.length} health checks during the import, max ${max.toFixed(1)} ms`,
    );
  });

  it('ids in an imported header are checked by pattern and length, naming the field', async () => {
    const cases: Array<[Buffer, RegExp]> = [
      [fileWith('ok-id', 'anti"fraud'), /header: scenarioId/],
      [fileWith('evil\r\nSet-Cookie: x=1'), /header: sessionId/],
      [fileWith('../../etc'), /header: sessionId/],
      [fileWith('x'.repeat(10_000)), /header: sessionId/],
    ];
    for (const [file, why] of cases) {
      const res = await upload(file);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(why);
    }
    const fine = await upload(fileWith('imported-ok.1'));
    expect(fine.status).toBe(201);
    const dl = await fetch(`${server.url}/api/sessions/imported-ok.1/recording`, { headers: { cookie } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(
      /^attachment; filename="branchcast-[^"]+\.jsonl\.gz"; filename\*=UTF-8''/,
    );
  });

  it('Content-Disposition keeps a quote, CRLF or a Chinese name from breaking the header', () => {
    const h = contentDisposition('attachment', '报告"\r\n; x=1.html');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,=@^`|-]+$/);
    expect(decodeURIComponent(h.split("''")[1]!)).toBe('报告"__; x=1.html');
  });
});
