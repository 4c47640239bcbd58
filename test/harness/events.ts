/** A small recording builder for unit tests over folds: events stamped in order, seq gap-free. */
import { draft, stamp, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import type { Scenario } from '../../core/scenario.js';

export const HOST: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
export const SYS: Actor = { id: 'system', role: 'system', name: 'system' };
export const viewer = (n: number): Actor => ({ id: `p-bot${n}`, role: 'bot', name: `观众${n}` });

export class Recording {
  readonly events: SessionEvent[] = [];
  constructor(scenario: Scenario, sessionId = 's-test') {
    this.add(0, SYS, draft.sessionCreated(sessionId, scenario, 1));
  }

  add(t: number, actor: Actor, d: EventDraft): SessionEvent {
    const e = stamp(d, this.events.length + 1, t, actor);
    this.events.push(e);
    return e;
  }

  start(t: number): this {
    this.add(t, HOST, draft.sessionStarted());
    return this;
  }

  segment(t: number, index: number): this {
    this.add(t, HOST, draft.segmentAdvanced(index));
    return this;
  }

  say(t: number, text: string, segmentIndex = 0, lineIndex: number | null = null): SessionEvent {
    return this.add(t, HOST, draft.hostSaid(text, segmentIndex, lineIndex));
  }

  ask(t: number, text: string, who = 1): SessionEvent {
    return this.add(t, viewer(who), draft.chatMessage(text, 'question', null));
  }

  chat(t: number, text: string, who = 1): SessionEvent {
    return this.add(t, viewer(who), draft.chatMessage(text, 'chat', null));
  }

  reply(t: number, to: number, text: string): SessionEvent {
    return this.add(t, HOST, draft.chatMessage(text, 'chat', to));
  }

  join(t: number, who: number): this {
    this.add(t, viewer(who), draft.participantJoined(viewer(who).id, 'bot', viewer(who).name));
    return this;
  }

  end(t: number): this {
    this.add(t, HOST, draft.sessionEnded('host'));
    return this;
  }
}
