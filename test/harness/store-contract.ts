/** The RecordingStore contract: every implementation runs this same suite (SPEC SC11). */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, draft, stamp, type SessionEvent } from '../../core/events.js';
import { StoreError, type RecordingStore, type SessionRecord } from '../../server/store/recording-store.js';
import { chainHash, eventJson, genesisHash } from '../../server/store/hash-chain.js';

const rec = (id: string, codes: string[]): SessionRecord => ({
  sessionId: id,
  scenarioId: 'demo',
  seed: 42,
  codes: { trainee: codes[0]!, facilitator: codes[1]!, observer: codes[2]!, bot: codes[3]! },
  createdAt: 1000,
  status: 'live',
  demo: false,
});

const chat = (seq: number, text = `m${seq}`): SessionEvent =>
  stamp(draft.chatMessage(text, 'chat', null), seq, seq * 10, { id: 'p1', role: 'bot', name: 'b' });

export function storeContract(name: string, make: () => RecordingStore): void {
  describe(`RecordingStore contract: ${name}`, () => {
    it('SC11: stores sessions and finds them by code and status', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      s.createSession(rec('b', ['BBBB01', 'BBBB02', 'BBBB03', 'BBBB04']));
      expect(s.findByCode('AAAA03')).toEqual({ sessionId: 'a', role: 'observer' });
      expect(s.findByCode('BBBB04')).toEqual({ sessionId: 'b', role: 'bot' });
      expect(s.findByCode('ZZZZ99')).toBeUndefined();
      s.setStatus('a', 'ended');
      expect(s.listSessions({ status: 'live' }).map((r) => r.sessionId)).toEqual(['b']);
      expect(s.listSessions().map((r) => r.sessionId)).toEqual(['a', 'b']);
      expect(s.getSession('a')?.codes.trainee).toBe('AAAA01');
      s.close();
    });

    it('SC11: refuses a duplicate session id or a code already in use', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      expect(() => s.createSession(rec('a', ['CCCC01', 'CCCC02', 'CCCC03', 'CCCC04']))).toThrow(StoreError);
      expect(() => s.createSession(rec('c', ['AAAA01', 'DDDD02', 'DDDD03', 'DDDD04']))).toThrow(StoreError);
      // The refused session left nothing behind.
      expect(s.getSession('c')).toBeUndefined();
      expect(s.findByCode('DDDD02')).toBeUndefined();
      s.close();
    });

    it('SC11: appends batches in seq order and reads them back whole', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      const created = stamp(draft.sessionStarted(), 1, 0, SYSTEM_ACTOR);
      s.append('a', [created, chat(2), chat(3)]);
      s.append('a', [chat(4, '你好，主播')]);
      expect(s.lastSeq('a')).toBe(4);
      const all = s.readEvents('a');
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(all[3]).toEqual(chat(4, '你好，主播'));
      expect(s.readEvents('a', 3).map((e) => e.seq)).toEqual([3, 4]);
      expect(s.readEvents('a', 2, 2).map((e) => e.seq)).toEqual([2, 3]);
      s.close();
    });

    it('SC11: refuses a gap or a replayed seq atomically', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      s.append('a', [chat(1), chat(2)]);
      expect(() => s.append('a', [chat(4)])).toThrow(/expected seq 3/);
      expect(() => s.append('a', [chat(2)])).toThrow(StoreError);
      // A batch that goes wrong half-way writes nothing.
      expect(() => s.append('a', [chat(3), chat(5)])).toThrow(StoreError);
      expect(s.lastSeq('a')).toBe(2);
      expect(s.readEvents('a').map((e) => e.seq)).toEqual([1, 2]);
      s.append('a', [chat(3)]);
      expect(s.lastSeq('a')).toBe(3);
      s.close();
    });

    it('SC11, RP4: every event is linked to the one before it by a hash chain', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      s.append('a', [chat(1), chat(2)]);
      s.append('a', [chat(3)]);
      const links = s.readHashes('a');
      expect(links.map((l) => l.seq)).toEqual([1, 2, 3]);
      expect(links[0]!.prev).toBe(genesisHash('a'));
      expect(links[1]!.prev).toBe(links[0]!.hash);
      expect(links[2]!.prev).toBe(links[1]!.hash);
      expect(links[2]!.hash).toBe(chainHash(links[1]!.hash, eventJson(chat(3))));
      expect(s.readHashes('a', 3)).toEqual([links[2]]);
      s.close();
    });

    it('SC11: annotations live beside the event log and can be edited and removed', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      s.append('a', [chat(1), chat(2)]);
      const note = {
        id: 'n1',
        sessionId: 'a',
        seq: 2,
        t: 20,
        toSeq: null,
        text: '回复太慢',
        category: null,
        severity: 'minor' as const,
        author: 'f',
        createdAt: 1,
        updatedAt: 1,
      };
      s.addAnnotation(note);
      expect(() => s.addAnnotation(note)).toThrow(StoreError);
      s.updateAnnotation({ ...note, text: '回复太慢，应在30秒内', updatedAt: 2 });
      expect(s.listAnnotations('a')).toEqual([{ ...note, text: '回复太慢，应在30秒内', updatedAt: 2 }]);
      expect(s.readEvents('a')).toHaveLength(2); // the log is untouched
      s.deleteAnnotation('a', 'n1');
      expect(s.listAnnotations('a')).toEqual([]);
      expect(() => s.deleteAnnotation('a', 'n1')).toThrow(StoreError);
      expect(() => s.addAnnotation({ ...note, sessionId: 'nope' })).toThrow(StoreError);
      s.close();
    });

    it('SC11: unknown sessions are errors, not silent empties', () => {
      const s = make();
      expect(() => s.append('nope', [chat(1)])).toThrow(StoreError);
      expect(() => s.readEvents('nope')).toThrow(StoreError);
      expect(() => s.setStatus('nope', 'ended')).toThrow(StoreError);
      s.close();
    });

    it('SC11: stored events cannot be changed through the objects passed in or read out', () => {
      const s = make();
      s.createSession(rec('a', ['AAAA01', 'AAAA02', 'AAAA03', 'AAAA04']));
      const e = chat(1, 'original');
      s.append('a', [e]);
      (e as { text: string }).text = 'tampered';
      const read = s.readEvents('a')[0] as { text: string };
      expect(read.text).toBe('original');
      read.text = 'tampered again';
      expect((s.readEvents('a')[0] as { text: string }).text).toBe('original');
      s.close();
    });
  });
}
