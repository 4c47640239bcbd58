/** Issue 17 pt 9: `{host}` in lines and slides names whoever hosts, from the moment they join. */
import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, stamp, type Actor } from '../../core/events.js';
import { fillHost, namesHost } from '../../core/host-placeholder.js';
import { loadScenes } from '../../server/content/scenes.js';
import { fold } from '../../core/session.js';

const { scenarios } = loadScenes(new URL('../../scenes', import.meta.url).pathname);

describe('{host} placeholder', () => {
  it('fills every placeholder and leaves other text alone', () => {
    expect(fillHost('我是主播{host}，{host}欢迎大家', '王芳')).toBe('我是主播王芳，王芳欢迎大家');
    expect(fillHost('没有占位符', '王芳')).toBe('没有占位符');
  });

  it('shipped scenarios name the host by placeholder, not a fixed name', () => {
    for (const id of ['anti-fraud-live', 'crisis-drill-wrong-data', 'new-energy-fund-live', 'metaverse-investor-day'])
      expect(namesHost(scenarios.get(id)!), id).toBe(true);
  });

  it('the teleprompter and the LED slides read the joined trainee’s name', () => {
    const scenario = scenarios.get('crisis-drill-wrong-data')!;
    const host: Actor = { id: 'p-h', role: 'trainee', name: '李娜' };
    const events = [
      stamp(draft.sessionCreated('s1', scenario, 1), 1, 0, SYSTEM_ACTOR),
      stamp(draft.participantJoined('p-h', 'trainee', '李娜'), 2, 10, host),
      stamp(draft.participantJoined('p-2', 'trainee', '别人'), 3, 20, { ...host, id: 'p-2', name: '别人' }),
    ];
    const s = fold(events);
    const text = JSON.stringify(s.scenario!.segments);
    expect(text).not.toContain('{host}');
    expect(s.scenario!.segments[0]!.lines.some((l) => l.zh.includes('我是主播李娜'))).toBe(true);
    expect(s.scenario!.segments[0]!.slides!.some((x) => x.zh.startsWith('主播：李娜'))).toBe(true);
    expect(text).not.toContain('别人');
  });
});
