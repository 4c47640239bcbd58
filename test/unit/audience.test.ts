/**
 * The audience policy against a scripted host, persona by persona: same seed → same audience;
 * answered viewers stay, ignored ones leave; promises excite baiters; unchallenged lures spread.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import type { PersonaId } from '../../core/audience/phrases.js';
import { REACTIONS } from '../../core/audience/reactions.js';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { parseScenario, type Scenario } from '../../core/scenario.js';

const file = resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml');
const parsed = parseScenario(readFileSync(file, 'utf8'), 'anti-fraud-live.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const base: Scenario = parsed.scenario;
const HOST: Actor = { id: 'host', role: 'trainee', name: '主播' };

/** A scenario whose whole audience is one persona. */
function only(persona: PersonaId): Scenario {
  return { ...base, bots: { ...base.bots, personas: [{ persona, weight: 1 }] } };
}

/** Drives an Audience the way the room would: events in seq order, time in steps. */
class Driver {
  seq = 0;
  t = 0;
  said: Array<AudienceAction & { kind: 'say'; t: number; seq: number }> = [];
  actions: AudienceAction[] = [];
  constructor(
    readonly audience: Audience,
    private autoAnswer = false,
  ) {}
  emit(actor: Actor, d: EventDraft): SessionEvent {
    const e = stamp(d, ++this.seq, this.t, actor);
    this.audience.observe(e);
    return e;
  }
  /** Advance time; viewer actions become events (as the room would record them). */
  run(untilMs: number, step = 500): void {
    for (; this.t <= untilMs; this.t += step) {
      const out = this.audience.advance(this.t);
      for (const a of out) {
        this.actions.push(a);
        if (a.kind === 'arrive') this.audience.bind(a.viewer, `v${a.viewer}`);
        if (a.kind === 'say') {
          const v = this.audience.viewers[a.viewer]!;
          const e = this.emit(
            { id: `v${a.viewer}`, role: 'bot', name: v.name },
            draft.chatMessage(a.text, a.chatKind, a.replyTo),
          );
          this.said.push({ ...a, t: this.t, seq: e.seq });
          if (this.autoAnswer && a.chatKind === 'question') {
            this.emit(HOST, draft.chatMessage('谢谢提问。基金不保本，投资有风险，请通过官方App咨询。', 'chat', e.seq));
          }
        }
        if (a.kind === 'leave') this.emit(SYSTEM_ACTOR, draft.participantLeft(`v${a.viewer}`, 'disconnect'));
      }
    }
  }
  start(): void {
    this.emit(SYSTEM_ACTOR, draft.sessionCreated('s', this.audience['cfg'].scenario, 1));
    this.emit(HOST, draft.sessionStarted());
  }
  texts(): string[] {
    return this.said.map((s) => s.text);
  }
}

function audience(persona: PersonaId | null, seed: number, count = 30): Audience {
  return new Audience({ scenario: persona ? only(persona) : base, seed, count, rampSec: 5, reserveShare: 0 });
}

const isOneOf = (kind: keyof typeof REACTIONS) => (text: string) => REACTIONS[kind].some((p) => p.zh === text);

describe('audience policy', () => {
  it('the same seed and the same host give the same audience, message for message', () => {
    const transcript = (seed: number) => {
      const d = new Driver(audience(null, seed, 40), true);
      d.start();
      d.run(10 * 60_000);
      return d.said.map((s) => `${s.t} ${s.viewer} ${s.chatKind} ${s.text}`);
    };
    const a = transcript(7);
    expect(a.length).toBeGreaterThan(200);
    expect(transcript(7)).toEqual(a);
    expect(transcript(8)).not.toEqual(a);
  });

  it('answered viewers stay; ignored ones complain and leave', () => {
    const retention = (answer: boolean) => {
      const d = new Driver(audience('retiree', 3, 40), answer);
      d.start();
      d.run(20 * 60_000);
      const gone = d.audience.viewers.filter((v) => v.leaveReason === 'ignored').length;
      const complaints = d.texts().filter(isOneOf('ignored')).length;
      const thanks = d.texts().filter(isOneOf('thanks')).length;
      return { present: d.audience.present(), gone, complaints, thanks };
    };
    const answered = retention(true);
    const ignored = retention(false);
    // Ignored: complaints, leaving for being ignored, and the rest drift off a silent stream.
    expect(ignored.complaints).toBeGreaterThan(10);
    expect(ignored.gone).toBeGreaterThan(4);
    expect(answered.gone).toBe(0);
    expect(answered.thanks).toBeGreaterThan(10);
    expect(answered.present).toBeGreaterThan(ignored.present + 20);
  });

  it('a promise of returns makes baiters push harder; a compliant answer does not', () => {
    const pushes = (line: string) => {
      const d = new Driver(audience('compliance_baiter', 5, 20));
      d.start();
      d.run(60_000);
      const before = d.said.length;
      d.emit(HOST, draft.hostSaid(line, 0, null));
      d.run(3 * 60_000);
      return { pushes: d.texts().filter(isOneOf('baiterPush')).length, after: d.said.length - before };
    };
    const promised = pushes('放心，这个产品稳赚不赔，保本保息。');
    const careful = pushes('基金不保本，过往业绩不代表未来表现，请理性投资。');
    expect(promised.pushes).toBeGreaterThan(8);
    expect(careful.pushes).toBe(0);
    // And they chat more afterwards (heat).
    expect(promised.after).toBeGreaterThan(careful.after);
  });

  it('a quoted scam phrase inside a warning does not excite anyone', () => {
    const d = new Driver(audience('retiree', 9, 30));
    d.start();
    d.run(30_000);
    d.emit(HOST, draft.hostSaid('骗子常说“稳赚不赔、保本保息”，听到这种话请立刻提高警惕。', 0, null));
    d.run(90_000);
    expect(d.texts().filter(isOneOf('promiseExcited'))).toEqual([]);
  });

  it('an unchallenged lure draws newcomers in; a host warning makes them wary instead', () => {
    const run = (warn: boolean) => {
      const d = new Driver(audience('genz_newcomer', 11, 40));
      d.start();
      d.run(30_000);
      if (warn)
        d.emit(
          HOST,
          draft.hostSaid('提醒大家：让你加微信进群、老师带单的都是骗局，请认准官方App，有疑问打12386。', 0, null),
        );
      const lurer: Actor = { id: 'lurer', role: 'bot', name: '财富老师' };
      d.emit(lurer, draft.chatMessage('免费荐股，扣1进群，vx: abc123', 'chat', null));
      d.run(90_000);
      return {
        bites: d.texts().filter(isOneOf('lureBite')).length,
        scam: d.actions.filter((a) => a.kind === 'signal' && a.intent === 'scam_contact').length,
      };
    };
    const open = run(false);
    const warned = run(true);
    expect(open.bites).toBeGreaterThan(3);
    expect(open.scam).toBe(open.bites);
    expect(warned.bites).toBe(0);
  });

  it('after biting, a later warning makes the bitten wary', () => {
    const d = new Driver(audience('genz_newcomer', 12, 40));
    d.start();
    d.run(30_000);
    d.emit({ id: 'lurer', role: 'bot', name: '老师' }, draft.chatMessage('老师带单，内幕消息，私我', 'chat', null));
    d.run(60_000);
    const bitten = d.audience.viewers.filter((v) => v.bites > 0).length;
    expect(bitten).toBeGreaterThan(2);
    d.emit(HOST, draft.hostSaid('刚才评论区让大家私信的是骗局，请不要加，有疑问拨打12386。', 0, null));
    d.run(120_000);
    expect(d.texts().filter(isOneOf('wary')).length).toBeGreaterThan(0);
  });

  it('incidents bring their personas: lure flood, troll wave, stock-tip demand', () => {
    const d = new Driver(audience('lurker', 13, 10));
    d.start();
    d.run(30_000);
    d.emit(HOST, draft.incidentFired('lure-flood-qa'));
    d.emit(HOST, draft.incidentFired('rumour-wave'));
    d.emit(HOST, draft.incidentFired('stock-tip-demand'));
    d.run(3 * 60_000);
    const personas = (p: PersonaId) => d.said.filter((s) => d.audience.viewers[s.viewer]!.persona === p);
    expect(personas('fraud_lurer').length).toBeGreaterThanOrEqual(6);
    expect(personas('troll').length).toBeGreaterThanOrEqual(4);
    expect(personas('growth_investor').some((s) => s.chatKind === 'question')).toBe(true);
  });

  it('a mock-trade invitation converts risk-tolerant viewers more than conservative ones', () => {
    const converted = (persona: PersonaId) => {
      const d = new Driver(audience(persona, 17, 40));
      d.start();
      d.run(20_000);
      d.emit(HOST, draft.hostSaid('现在邀请大家在虚拟交易所模拟交易，用的是虚拟资金，产品风险等级R3。', 0, null));
      d.run(60_000);
      return d.actions.filter((a) => a.kind === 'signal' && a.intent === 'mock_trade').length;
    };
    expect(converted('growth_investor')).toBeGreaterThan(converted('retiree') + 3);
  });

  it('lurkers never ask and drift away; viewers arrive on a ramp', () => {
    const d = new Driver(audience('lurker', 19, 30));
    d.start();
    d.run(2_000);
    const early = d.audience.present();
    d.run(8_000);
    expect(d.audience.present()).toBeGreaterThan(early);
    d.run(20 * 60_000);
    expect(d.said.every((s) => s.chatKind === 'chat')).toBe(true);
    expect(
      d.audience.viewers.filter((v) => v.leaveReason === 'curve' || v.leaveReason === 'bored').length,
    ).toBeGreaterThan(20);
  });
});
