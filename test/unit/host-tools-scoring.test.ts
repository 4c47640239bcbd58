/**
 * Scoring the host's console (docs/RUBRICS.md HT1–HT4): removing a lure and warning the room is
 * good handling; deleting a complaint or question is a finding; a product card without a risk line
 * (or above the room's risk tolerance) is a disclosure finding.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, draft, stamp, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { shareBelow } from '../../core/rubric/host-tools.js';
import type { Report } from '../../core/rubric/report-model.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { loadScenes } from '../../server/content/scenes.js';

const root = join(import.meta.dirname, '..', '..');
const scenes = loadScenes(join(root, 'scenes'));
const rubrics = loadRubrics(join(root, 'scenes', 'rubrics'));
const antiFraud = scenes.scenarios.get('anti-fraud-live')!;
const fund = scenes.scenarios.get('new-energy-fund-live')!;
const rubricOf = (id: string) => rubrics.rubrics.get(id)!;

const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
const lurer: Actor = { id: 'p-lure', role: 'bot', name: '老师助理' };
const viewer: Actor = { id: 'p-v', role: 'bot', name: '小王' };

const LURE = '免费荐股，加vx进群，天天涨停';
const CARD = {
  productId: 'demo-bond-fund',
  name: { zh: '演示纯债基金C', en: 'Demo Pure Bond Fund C' },
  risk: 'R2' as const,
  suitable: { zh: 'C2 及以上', en: 'C2 and above' },
};

/** A session: created, joined, started; then `steps` each [seconds after start, actor, draft]. */
function session(scenario = antiFraud, ...steps: Array<[number, Actor, EventDraft]>): SessionEvent[] {
  const head: Array<[number, Actor, EventDraft]> = [
    [0, SYSTEM_ACTOR, draft.sessionCreated('s1', scenario, 1)],
    [0, host, draft.participantJoined(host.id, 'trainee', host.name)],
    [0, lurer, draft.participantJoined(lurer.id, 'bot', lurer.name)],
    [0, viewer, draft.participantJoined(viewer.id, 'bot', viewer.name)],
    [1, host, draft.sessionStarted()],
  ];
  return [...head, ...steps].map(([sec, actor, d], i) => stamp(d, i + 1, 10_000 + sec * 1000, actor));
}

const criterion = (r: Report, kind: string) => r.criteria.find((c) => c.kind === kind)!;
const notes = (r: Report, kind: string) =>
  criterion(r, kind)
    .evidence.map((e) => e.note.en)
    .join(' | ');

describe('HT1 a lure removed and the room warned is good handling', () => {
  it('delete + warning scores the lure in full; the summary says it was removed', () => {
    const events = session(
      antiFraud,
      [10, lurer, draft.chatMessage(LURE, 'lure', null)],
      [
        15,
        host,
        draft.chatDeleted({ targetSeq: 6, authorId: lurer.id, authorName: lurer.name, kind: 'lure', complaint: false }),
      ],
      [20, host, draft.chatMessage('大家注意，这是诈骗，不要加任何私人联系方式', 'chat', null)],
    );
    const r = scoreEvents(events, rubricOf('anti-fraud-default'));
    const lure = criterion(r, 'lure_handling');
    expect(lure.score).toBe(100);
    expect(lure.summary.en).toContain('1 removed and the room warned');
  });

  it('left standing scores 0; removed without a warning is half, and says so', () => {
    const standing = scoreEvents(
      session(antiFraud, [10, lurer, draft.chatMessage(LURE, 'lure', null)]),
      rubricOf('anti-fraud-default'),
    );
    expect(criterion(standing, 'lure_handling').score).toBe(0);
    const blocked = scoreEvents(
      session(
        antiFraud,
        [10, lurer, draft.chatMessage(LURE, 'lure', null)],
        [12, host, draft.viewerBlocked(lurer.id, lurer.name)],
        [12, SYSTEM_ACTOR, draft.participantLeft(lurer.id, 'kicked')],
      ),
      rubricOf('anti-fraud-default'),
    );
    expect(criterion(blocked, 'lure_handling').score).toBe(50);
    expect(notes(blocked, 'lure_handling')).toContain('the room was not warned (HT1)');
  });

  it('a pinned warning counts as the warning; a held lure never reached the room', () => {
    const pinned = scoreEvents(
      session(
        antiFraud,
        [5, host, draft.announcementPinned('谨防诈骗：不要加私人联系方式，认准官方App，可拨打12386')],
        [10, lurer, draft.chatMessage(LURE, 'lure', null)],
        [12, host, draft.viewerMuted(lurer.id, lurer.name, 300)],
      ),
      rubricOf('anti-fraud-default'),
    );
    expect(criterion(pinned, 'lure_handling').score).toBe(100);
    const held = scoreEvents(
      session(antiFraud, [10, lurer, draft.heldChat(LURE, 'lure', null)]),
      rubricOf('anti-fraud-default'),
    );
    expect(held.stats.lures).toBe(0);
  });
});

describe('HT2 deleting a complaint or a question is a finding', () => {
  it('engagement names the deleted complaint and scores below the same session without the deletion', () => {
    const complaint: [number, Actor, EventDraft] = [
      10,
      viewer,
      draft.chatMessage('问了半天没人理，只顾念稿', 'chat', null),
    ];
    const kept = scoreEvents(session(antiFraud, complaint), rubricOf('anti-fraud-default'));
    const deleted = scoreEvents(
      session(antiFraud, complaint, [
        12,
        host,
        draft.chatDeleted({
          targetSeq: 6,
          authorId: viewer.id,
          authorName: viewer.name,
          kind: 'chat',
          complaint: true,
        }),
      ]),
      rubricOf('anti-fraud-default'),
    );
    expect(notes(deleted, 'engagement')).toContain("deleted 小王's complaint (HT2)");
    expect(criterion(deleted, 'engagement').score!).toBeLessThan(criterion(kept, 'engagement').score!);
    expect(criterion(deleted, 'engagement').evidence[0]?.quote).toBe('问了半天没人理，只顾念稿');
  });

  it('deleting a lure is not a finding', () => {
    const r = scoreEvents(
      session(
        antiFraud,
        [10, lurer, draft.chatMessage(LURE, 'lure', null)],
        [
          12,
          host,
          draft.chatDeleted({
            targetSeq: 6,
            authorId: lurer.id,
            authorName: lurer.name,
            kind: 'lure',
            complaint: false,
          }),
        ],
      ),
      rubricOf('anti-fraud-default'),
    );
    expect(notes(r, 'engagement')).not.toContain('HT2');
  });
});

describe('HT3/HT4 product cards and disclosure', () => {
  it('a card without a risk line is a disclosure finding; with one it is not', () => {
    const bare = scoreEvents(
      session(antiFraud, [10, host, draft.productShown({ ...CARD, riskLine: '' })]),
      rubricOf('anti-fraud-default'),
    );
    const lined = scoreEvents(
      session(antiFraud, [10, host, draft.productShown({ ...CARD, riskLine: '债券基金净值会波动，可能亏损' })]),
      rubricOf('anti-fraud-default'),
    );
    // The anti-fraud script has no call to action: the card makes disclosure applicable.
    expect(criterion(bare, 'risk_disclosure')).toMatchObject({ applicable: true, score: 0 });
    expect(notes(bare, 'risk_disclosure')).toContain('shown without a risk line (HT3)');
    expect(criterion(lined, 'risk_disclosure')).toMatchObject({ applicable: true, score: 100 });
    expect(notes(lined, 'risk_disclosure')).not.toContain('HT3');
  });

  it('a card above most of the room’s risk classes is a finding (HT4)', () => {
    // The new-energy stream's audience is mostly C2–C4; an R5 card is above most of it.
    expect(shareBelow(fund, 'R5')).toBeGreaterThan(0.5);
    expect(shareBelow(fund, 'R1')).toBe(0);
    const r = scoreEvents(
      session(fund, [10, host, draft.productShown({ ...CARD, risk: 'R5', riskLine: '高风险，可能亏损全部本金' })]),
      rubricOf(fund.rubric),
    );
    expect(notes(r, 'risk_disclosure')).toContain('(HT4)');
  });
});

describe('HT1 blocking a lurer costs no retention', () => {
  it('a kicked viewer is not counted as the audience walking out', () => {
    const events = session(
      antiFraud,
      [10, lurer, draft.chatMessage(LURE, 'lure', null)],
      [12, host, draft.viewerBlocked(lurer.id, lurer.name)],
      [12, SYSTEM_ACTOR, draft.participantLeft(lurer.id, 'kicked')],
      [300, host, draft.hostSaid('大家好', 0, 0)],
    );
    const left = session(
      antiFraud,
      [10, lurer, draft.chatMessage(LURE, 'lure', null)],
      [12, SYSTEM_ACTOR, draft.participantLeft(lurer.id, 'disconnect')],
      [300, host, draft.hostSaid('大家好', 0, 0)],
    );
    const kept = criterion(scoreEvents(events, rubricOf('anti-fraud-default')), 'engagement');
    const lost = criterion(scoreEvents(left, rubricOf('anti-fraud-default')), 'engagement');
    expect(kept.summary.en).toContain('Mean retention 100%');
    expect(lost.summary.en).not.toContain('Mean retention 100%');
  });
});
