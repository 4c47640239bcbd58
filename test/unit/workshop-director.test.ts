/** Facilitator-only decisions of the workshop (core/workshop/director.ts) through decide(). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/decide.js';
import { SYSTEM_ACTOR, draft, stamp, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { CommandSchemas, MAX_BOTS, type Command } from '../../core/protocol.js';
import { factsOf } from '../../core/rubric/facts.js';
import { fold, reduce } from '../../core/session.js';
import { parseScenario } from '../../core/scenario.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;

const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
const bot: Actor = { id: 'p-bot', role: 'bot', name: '股海小白' };
const watcher: Actor = { id: 'p-obs', role: 'observer', name: '旁听' };
const gone: Actor = { id: 'p-gone', role: 'bot', name: '路过看看' };
const facilitator: Actor = { id: 'f-1', role: 'facilitator', name: 'lin' };

function record(...items: Array<[Actor, EventDraft]>): SessionEvent[] {
  return items.map(([actor, d], i) => stamp(d, i + 1, i * 1000, actor));
}
const cmd = <K extends Command['name']>(name: K, payload: unknown): Command =>
  ({ name, payload: CommandSchemas[name].parse(payload) }) as Command;

const events = record(
  [SYSTEM_ACTOR, draft.sessionCreated('s1', scenario, 7)],
  [host, draft.participantJoined(host.id, 'trainee', host.name)],
  [bot, draft.participantJoined(bot.id, 'bot', bot.name)],
  [watcher, draft.participantJoined(watcher.id, 'observer', watcher.name)],
  [gone, draft.participantJoined(gone.id, 'bot', gone.name)],
  [SYSTEM_ACTOR, draft.participantLeft(gone.id, 'disconnect')],
  [host, draft.sessionStarted()],
);
const state = fold(events);

describe('director.say', () => {
  it("becomes the viewer's chat message, stamped as the viewer, marked with the facilitator", () => {
    const d = decide(
      state,
      facilitator,
      cmd('director.say', { viewerId: bot.id, text: '能保本吗？', kind: 'question' }),
    );
    expect(d).toMatchObject({
      ok: true,
      as: bot,
      drafts: [
        {
          type: 'chat.message',
          text: '能保本吗？',
          kind: 'question',
          replyTo: null,
          directedBy: { id: 'f-1', name: 'lin' },
        },
      ],
    });
    if (!d.ok) return;
    // Stamped as the room does: the reducer and the scorer see a viewer's question.
    const e = stamp(d.drafts[0]!, state.lastSeq + 1, 9000, d.as!);
    const after = reduce(state, e);
    expect(after.questions.map((q) => q.askedBy)).toEqual([bot.id]);
    expect(after.chat[after.chat.length - 1]).toMatchObject({ actor: bot, directedBy: { name: 'lin' } });
    expect(factsOf([...events, e]).questions).toMatchObject([{ askedBy: bot.name, text: '能保本吗？' }]);
    // An observer is an audience member too.
    expect(decide(state, facilitator, cmd('director.say', { viewerId: watcher.id, text: 'hi' }))).toMatchObject({
      ok: true,
      as: watcher,
    });
  });

  it('refuses the host, strangers, viewers who left and replies to nothing, naming the field', () => {
    const say = (p: object) => decide(state, facilitator, cmd('director.say', { text: 'x', ...p }));
    expect(say({ viewerId: host.id })).toMatchObject({ ok: false, code: 'NOT_FOUND', message: /^viewerId: / });
    expect(say({ viewerId: 'p-none' })).toMatchObject({ ok: false, code: 'NOT_FOUND', message: /^viewerId: / });
    expect(say({ viewerId: gone.id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: /^viewerId: / });
    expect(say({ viewerId: bot.id, replyTo: 99 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: /^replyTo: /,
    });
    expect(CommandSchemas['director.say'].safeParse({ viewerId: bot.id, text: ' ' }).success).toBe(false);
  });
});

describe('bots.configure', () => {
  it('records the audience asked for, filling what is not given from the scenario, then from the last setting', () => {
    const first = decide(state, facilitator, cmd('bots.configure', { count: 12 }));
    expect(first).toMatchObject({
      ok: true,
      drafts: [{ type: 'audience.configured', count: 12, ratePerMinute: scenario.bots.ratePerMinute }],
    });
    if (!first.ok) return;
    const s1 = reduce(state, stamp(first.drafts[0]!, state.lastSeq + 1, 9000, facilitator));
    expect(s1.audienceTarget).toEqual({ count: 12, ratePerMinute: scenario.bots.ratePerMinute });
    expect(decide(s1, facilitator, cmd('bots.configure', { ratePerMinute: 2 }))).toMatchObject({
      drafts: [{ count: 12, ratePerMinute: 2 }],
    });
    // The same again records nothing.
    expect(decide(s1, facilitator, cmd('bots.configure', { count: 12 }))).toEqual({ ok: true, drafts: [] });
    expect(CommandSchemas['bots.configure'].safeParse({}).success).toBe(false);
    expect(CommandSchemas['bots.configure'].safeParse({ count: MAX_BOTS }).success).toBe(true);
    expect(CommandSchemas['bots.configure'].safeParse({ count: MAX_BOTS + 1 }).success).toBe(false);
  });
});
