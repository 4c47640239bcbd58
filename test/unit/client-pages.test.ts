/**
 * The client's page addresses and what the console reads from typed text: pure functions, so
 * they are checked here rather than through a browser.
 */
import { describe, expect, it } from 'vitest';
import { parseClock, parseNames } from '../../client/src/console/parse.js';
import { parseRoute } from '../../client/src/router.js';

describe('client routes', () => {
  it('maps every page of the app', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute('/join/ab12cd', '')).toEqual({ page: 'join', code: 'AB12CD' });
    expect(parseRoute('/login', '')).toEqual({ page: 'login', next: null });
    expect(parseRoute('/setup', '', '#token=abc_-1')).toEqual({ page: 'setup', token: 'abc_-1' });
    expect(parseRoute('/setup', '')).toEqual({ page: 'setup', token: '' });
    expect(parseRoute('/console/', '')).toEqual({ page: 'console' });
    expect(parseRoute('/console/cohorts', '')).toEqual({ page: 'cohorts' });
    expect(parseRoute('/console/cohorts/c%201', '')).toEqual({ page: 'cohort', cohortId: 'c 1' });
    expect(parseRoute('/console/facilitators', '')).toEqual({ page: 'team' });
    expect(parseRoute('/sessions', '')).toEqual({ page: 'sessions' });
    expect(parseRoute('/replay/s1', '?seq=42')).toEqual({ page: 'replay', sessionId: 's1', seq: 42 });
    expect(parseRoute('/replay/s1', '?seq=-3')).toEqual({ page: 'replay', sessionId: 's1', seq: null });
    expect(parseRoute('/nowhere', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/replay/%E0%A4%A', '')).toEqual({ page: 'replay', sessionId: '%E0%A4%A', seq: null });
  });

  it('sends a signed-in user back only to a path of this app', () => {
    expect(parseRoute('/login', '?next=%2Fconsole%2Fcohorts')).toEqual({ page: 'login', next: '/console/cohorts' });
    for (const next of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', '/login', '/setup#token=x'])
      expect(parseRoute('/login', `?next=${encodeURIComponent(next)}`), next).toEqual({ page: 'login', next: null });
  });
});

describe('console input', () => {
  it('reads a session time as mm:ss, h:mm:ss or minutes', () => {
    expect(parseClock('05:30')).toBe(330_000);
    expect(parseClock(' 5:3 ')).toBe(303_000);
    expect(parseClock('1:05:30')).toBe(3_930_000);
    expect(parseClock('7')).toBe(420_000);
    expect(parseClock('90:00')).toBe(5_400_000);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'abc', '5:75', '1:75:00', '-1', '5.5', '1:2:3:4']) expect(parseClock(bad), bad).toBeNull();
  });

  it('reads a pasted list of names: lines, commas (either width), 、 and semicolons; no blanks or repeats', () => {
    expect(parseNames('陈悦\n王磊\r\n\n 李娜 ')).toEqual(['陈悦', '王磊', '李娜']);
    expect(parseNames('陈悦，王磊、李娜; Ann, ann ,Bob')).toEqual(['陈悦', '王磊', '李娜', 'Ann', 'Bob']);
    expect(parseNames(' \n , ')).toEqual([]);
  });
});
