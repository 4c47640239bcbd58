/**
 * HC2/HC4 in the client: which chat lines a seat shows. Viewers never see a deleted line or one the
 * keyword filter held; the host and a facilitator see them (marked) to run the console.
 */
import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../core/session.js';
import { runsConsole, visibleTo } from '../../client/src/ui/host-tools-line.js';

const line = (extra: Partial<ChatEntry> = {}): ChatEntry => ({
  seq: 5,
  t: 1000,
  actor: { id: 'p-v', role: 'bot', name: '小王' },
  text: '加vx进群',
  kind: 'lure',
  replyTo: null,
  answerSeq: null,
  ...extra,
});

describe('HC2/HC4 what each seat shows', () => {
  it('viewers drop deleted and held lines; the console seats keep them', () => {
    const deleted = line({ deleted: { by: '主播', t: 2000, seq: 6 } });
    const held = line({ held: true });
    for (const e of [deleted, held]) {
      expect(visibleTo(e, 'observer')).toBe(false);
      expect(visibleTo(e, 'bot')).toBe(false);
      expect(visibleTo(e, null)).toBe(false); // a replay shows what the room saw
      expect(visibleTo(e, 'trainee')).toBe(true);
      expect(visibleTo(e, 'facilitator')).toBe(true);
    }
    expect(visibleTo(line(), 'observer')).toBe(true);
    expect(runsConsole('observer')).toBe(false);
  });
});
