/**
 * The crisis drill responds to the host (issue 16 pt 7, programme 4.5.2): once the wrong 8.5 % is
 * on the wall, a host line that states the checked figure in a correction, or asks the studio to
 * fix the wall, records `wall.corrected` and the correction ribbon goes up at once — not only on
 * 下一环节. Reading the script's figure before the incident, or without correcting, changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/decide.js';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { CommandSchemas, type Command } from '../../core/protocol.js';
import { parseScenario, type Scenario } from '../../core/scenario.js';
import { reduce, initialState, type SessionState } from '../../core/session.js';
import { ledView } from '../../core/stage/led-view.js';
import { wallCorrectionIn } from '../../core/stage/wall-correction.js';

function load(id: string): Scenario {
  const r = parseScenario(readFileSync(join(import.meta.dirname, '../../scenes', `${id}.yaml`), 'utf8'), id);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}
const crisis = load('crisis-drill-wrong-data');
const overview = crisis.segments.findIndex((s) => s.id === 'market-overview');
const wrong = crisis.incidents.find((i) => i.id === 'wrong-figure')!;
const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };

/** A room in miniature: decide, stamp, reduce. */
class Room {
  state: SessionState = initialState();
  readonly events: SessionEvent[] = [];
  apply(actor: Actor, ...drafts: EventDraft[]): void {
    for (const d of drafts) {
      const e = stamp(d, this.events.length + 1, this.events.length * 1000, actor);
      this.events.push(e);
      this.state = reduce(this.state, e);
    }
  }
  send(name: Command['name'], payload: unknown): void {
    const cmd = { name, payload: CommandSchemas[name].parse(payload) } as Command;
    const d = decide(this.state, host, cmd);
    if (!d.ok) throw new Error(d.message);
    this.apply(host, ...d.drafts);
  }
}

function liveInOverview(): Room {
  const r = new Room();
  r.apply(SYSTEM_ACTOR, draft.sessionCreated('s', crisis, 1));
  r.apply(host, draft.participantJoined('p-host', 'trainee', '主播'), draft.sessionStarted());
  r.apply(host, draft.segmentAdvanced(overview));
  return r;
}

describe('the crisis drill responds to the host', () => {
  it('a correction that states the checked figure puts the ribbon up at once, in the same segment', () => {
    const r = liveInOverview();
    r.apply(SYSTEM_ACTOR, draft.incidentFired('wrong-figure'));
    expect(ledView(r.state, true).slide).toMatchObject({ kind: 'wrong', correction: null });
    r.send('host.say', { text: '刚才大屏显示的数字有误，正确的数字是沪深300今日上涨0.85%。', lineIndex: null });
    const types = r.events.slice(-2).map((e) => e.type);
    expect(types).toEqual(['wall.corrected', 'host.said']);
    expect(r.state.segmentIndex).toBe(overview);
    const slide = ledView(r.state, true).slide;
    expect(slide.kind).toBe('slide');
    expect(slide.correction).toBe('沪深300 今日上涨 0.85%');
    expect(r.state.wallCorrected['wrong-figure']?.how).toBe('stated');
  });

  it('asking the studio to take the page down counts, typed in chat too', () => {
    const r = liveInOverview();
    r.apply(SYSTEM_ACTOR, draft.incidentFired('wrong-figure'));
    r.send('chat.send', { text: '请导播把大屏这一页撤下来更正', kind: 'chat', replyTo: null });
    expect(r.state.wallCorrected['wrong-figure']?.how).toBe('requested');
    expect(ledView(r.state, true).slide.correction).toBe('沪深300 今日上涨 0.85%');
    // The chat line is the last event, so the ack's seq is the line's own.
    expect(r.events.at(-1)!.type).toBe('chat.message');
  });

  it('the scripted correction line asks for the page to come down', () => {
    const line = crisis.segments.find((s) => s.id === 'correction')!.lines[0]!;
    expect(wallCorrectionIn(line.zh, wrong)).toBe('requested');
    expect(wallCorrectionIn(line.en ?? '', wrong)).toBe('requested');
  });

  it('reading the figure without correcting, or before the incident, changes nothing', () => {
    const r = liveInOverview();
    const scripted = crisis.segments[overview]!.lines[1]!.zh; // "沪深300今天收涨0.85%" before the incident
    r.send('host.say', { text: scripted, lineIndex: 1 });
    expect(r.events.at(-1)!.type).toBe('host.said');
    expect(r.state.wallCorrected).toEqual({});
    r.apply(SYSTEM_ACTOR, draft.incidentFired('wrong-figure'));
    r.send('host.say', { text: '沪深300今天收涨0.85%，大盘蓝筹整体表现平稳。', lineIndex: null });
    expect(r.state.wallCorrected).toEqual({});
    r.send('host.say', { text: '大家注意，这个数字是错误的，正确的是10.855%', lineIndex: null });
    expect(r.state.wallCorrected).toEqual({});
    expect(ledView(r.state, true).slide.kind).toBe('wrong');
  });

  it('a second correction records nothing more', () => {
    const r = liveInOverview();
    r.apply(SYSTEM_ACTOR, draft.incidentFired('wrong-figure'));
    r.send('host.say', { text: 'Correction: the CSI 300 was up 0.85% today, not 8.5%.', lineIndex: null });
    const n = r.events.length;
    r.send('host.say', { text: '再次更正，正确的是0.85%', lineIndex: null });
    expect(r.events.length).toBe(n + 1);
  });
});
