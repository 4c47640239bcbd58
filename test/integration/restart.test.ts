/**
 * SC2 + SC3: kill -9 the server in the middle of a session, start a new process on the same
 * database, and check that no acked event was lost and the session carries on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { joinPeer, type Peer } from '../harness/peers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'branchcast-restart-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  codes: Record<string, string>;
  output: () => string;
}

/** Start `branchcast serve` as its own process and read the URL and codes it prints. */
function serve(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['bin/branchcast.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dir, '--bots', '0', '--dev'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      const url = /serving on (http:\/\/\S+)/.exec(out)?.[1];
      const codes = /trainee code (\w+)\s+facilitator (\w+)\s+observer (\w+)\s+bot (\w+)/.exec(out);
      if (url && codes) {
        clearTimeout(timer);
        res({
          child,
          url: url.replace('localhost', '127.0.0.1'),
          codes: { trainee: codes[1]!, facilitator: codes[2]!, observer: codes[3]!, bot: codes[4]! },
          output: () => out,
        });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => rej(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function syncAll(peer: Peer): Promise<SessionEvent[]> {
  const all: SessionEvent[] = [];
  for (;;) {
    const ack = (await peer.send('sync', { sinceSeq: all.at(-1)?.seq ?? 0 })) as {
      ok: true;
      events: SessionEvent[];
      more: boolean;
    };
    expect(ack.ok).toBe(true);
    all.push(...ack.events);
    if (!ack.more) return all;
  }
}

describe('kill -9 and restart', () => {
  it('SC2, SC3: no acked event is lost and the session resumes where it was', async () => {
    const a = await serve();
    const trainee = await joinPeer(a.url, a.codes.trainee!, '主播', 'trainee');
    expect((await trainee.send('session.start', {})).ok).toBe(true);
    expect((await trainee.send('segment.next', {})).ok).toBe(true);

    const bots = await Promise.all(
      Array.from({ length: 8 }, (_, i) => joinPeer(a.url, a.codes.bot!, `观众${i}`, 'bot')),
    );
    const acked = new Map<number, string>();
    let killed = false;
    const loops = bots.map(async (b, i) => {
      for (let n = 0; !killed; n++) {
        const text = `观众${i}的第${n}条消息`;
        let ack;
        try {
          ack = await b.send('chat.send', { text });
        } catch {
          return; // no ack: the server died before answering; such a message may or may not exist.
        }
        if (ack.ok) acked.set(ack.seq as number, text);
      }
    });
    // Kill in the middle of the flow, with commands still in flight.
    while (acked.size < 80) await new Promise((r) => setTimeout(r, 5));
    a.child.kill('SIGKILL');
    killed = true;
    await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 3000))]);
    for (const p of [trainee, ...bots]) p.close();
    expect(acked.size).toBeGreaterThanOrEqual(80);

    const b = await serve();
    expect(b.codes).toEqual(a.codes); // the same demo room, resumed
    expect(b.output()).toMatch(/resumed session/);
    const observer = await joinPeer(b.url, b.codes.observer!, '回看', 'observer');
    const events = await syncAll(observer);
    events.forEach((e, i) => expect(e.seq).toBe(i + 1));
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const [seq, text] of acked) {
      expect(bySeq.get(seq), `acked seq ${seq}`).toMatchObject({ type: 'chat.message', text });
    }
    // Resumed state: still live, on the second segment, old connections marked as left.
    const state = observer.join.state;
    expect(state.status).toBe('live');
    expect(state.segmentIndex).toBe(1);
    expect(
      Object.values(state.participants)
        .filter((p) => p.online)
        .map((p) => p.name),
    ).toEqual(['回看']);
    // And it goes on: the next event continues the sequence.
    const trainee2 = await joinPeer(b.url, b.codes.trainee!, '主播', 'trainee');
    const next = await trainee2.send('chat.send', { text: '我们回来了，刚才网络中断，抱歉。' });
    expect(next).toMatchObject({ ok: true, seq: events.at(-1)!.seq + 2 }); // +1 is the trainee's join
    trainee2.close();
    observer.close();
    b.child.kill('SIGTERM');
  });
});
