/**
 * The simulated audience: a deterministic policy over what viewers can see (the public event
 * stream) and the seeded PRNG. A driver (the BotRunner over Socket.IO, or the headless
 * simulator) feeds it events with `observe` and asks `advance(t)` for the actions due; it then
 * performs them as ordinary clients. Same seed + same events at the same t → same actions.
 */
import type { ChatKind, EventOf, SessionEvent, ViewerIntent } from '../events.js';
import { Rng } from '../random.js';
import type { Incident, Scenario } from '../scenario.js';
import { botName } from './names.js';
import { PERSONA_IDS, PHRASES, type Phrase, type PersonaId } from './phrases.js';
import { LEAD_INS, REACTIONS, TAILS, type ReactionKind } from './reactions.js';
import { Schedule } from './schedule.js';
import { isLurePost, readHostSignals, type TextSignals } from './signals.js';
import { createViewer, nudge, riskLevel, type LeaveReason, type Viewer } from './viewer.js';
import { afterOutcome, answerInvitation, type OrderIntent } from './trading.js';
import type { TradeOutcome } from '../trade.js';

export type AudienceAction =
  | { kind: 'arrive'; viewer: number; name: string; persona: PersonaId }
  | { kind: 'say'; viewer: number; text: string; chatKind: ChatKind; replyTo: number | null }
  | { kind: 'signal'; viewer: number; sentiment: number; trust: number; intent: ViewerIntent | null }
  | { kind: 'leave'; viewer: number; reason: LeaveReason }
  /** Place a mock-exchange order (`trade.place`); report the ack with `orderOutcome`. */
  | { kind: 'order'; viewer: number; order: OrderIntent };

export interface AudienceConfig {
  scenario: Scenario;
  seed: number;
  /** Viewers to simulate (default: the scenario's bots.count). */
  count?: number;
  /** Everyday lines per viewer per minute (default: the scenario's ratePerMinute). */
  ratePerMinute?: number;
  /** Most viewers arrive within this many seconds of the session's creation. */
  rampSec?: number;
  language?: 'zh' | 'en';
  /** Share of viewers held back to arrive when a segment is announced (default 0.2). */
  reserveShare?: number;
  /** Viewer 0 arrives at t = 0 (a live driver connects it first, to read the room). */
  firstAtStart?: boolean;
}

type Job =
  | { type: 'arrive'; viewer: number }
  | { type: 'think'; viewer: number }
  | { type: 'say'; viewer: number; phrase: Phrase; replyTo: number | null; verbatim: boolean }
  | { type: 'signal'; viewer: number; intent: ViewerIntent | null }
  | { type: 'watch-end'; viewer: number }
  | { type: 'order'; viewer: number; order: OrderIntent };

/** Seconds a viewer takes to type a reaction. */
const TYPING_SEC: [number, number] = [2, 8];
/** A lure counts as challenged if the host warned within this window before it. */
const WARNING_MEMORY_MS = 120_000;
/** The stream feels dull after this long without the host saying anything. */
const DULL_AFTER_MS = 90_000;

export class Audience {
  readonly viewers: Viewer[] = [];
  private rngs: Rng[] = [];
  private room: Rng;
  private queue = new Schedule<Job>();
  private byParticipant = new Map<string, number>();
  private questionOwner = new Map<number, number>();
  private incidents = new Map<string, Incident>();
  private reserve: number[] = [];
  private rate: number;
  private lang: 'zh' | 'en';
  private t = 0;
  private live = false;
  private ended = false;
  private lastHostT = 0;
  private warnedT = -Infinity;
  private wrongDataOnScreen = false;
  private segmentsLeft: number;

  constructor(private cfg: AudienceConfig) {
    this.room = new Rng(cfg.seed);
    this.rate = cfg.ratePerMinute ?? cfg.scenario.bots.ratePerMinute;
    this.lang = cfg.language ?? 'zh';
    this.segmentsLeft = cfg.scenario.segments.length;
    for (const inc of cfg.scenario.incidents) this.incidents.set(inc.id, inc);
    const personas = cfg.scenario.bots.personas.filter((p) => (PERSONA_IDS as readonly string[]).includes(p.persona));
    const weights = personas.map((p) => p.weight);
    const count = cfg.count ?? cfg.scenario.bots.count;
    const rampMs = (cfg.rampSec ?? 120) * 1000;
    for (let i = 0; i < count; i++) {
      const persona = (personas.length ? personas[this.room.weighted(weights)]!.persona : 'lurker') as PersonaId;
      const v = this.addViewer(persona);
      // Most arrive during the opening ramp; the reserve comes when a segment is announced.
      if (this.room.chance(1 - (cfg.reserveShare ?? 0.2)))
        this.queue.push(Math.floor(this.room.next() * rampMs), { type: 'arrive', viewer: v.index });
      else this.reserve.push(v.index);
    }
  }

  private addViewer(persona: PersonaId): Viewer {
    const index = this.viewers.length;
    const rng = new Rng((this.cfg.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    const v = createViewer(index, botName(index), persona, rng);
    this.viewers.push(v);
    this.rngs.push(rng);
    return v;
  }

  /** The driver reports which participant a viewer became when it joined. */
  bind(viewer: number, participantId: string): void {
    const v = this.viewers[viewer];
    if (!v) return;
    v.participantId = participantId;
    this.byParticipant.set(participantId, viewer);
  }

  /** Catch up with a session already under way (a driver that joins late or after a restart). */
  catchUp(state: { status: 'created' | 'live' | 'ended'; t: number; segmentIndex: number }): void {
    this.t = Math.max(this.t, state.t);
    this.live = state.status === 'live';
    this.ended = state.status === 'ended';
    this.lastHostT = state.t;
    this.segmentsLeft = Math.max(1, this.cfg.scenario.segments.length - state.segmentIndex);
    if (this.live) this.releaseReserve();
  }

  /** Viewers present now. */
  present(): number {
    let n = 0;
    for (const v of this.viewers) if (v.state === 'present') n++;
    return n;
  }

  // ── time-driven behaviour ────────────────────────────────────────────────

  /** Every action due up to and including t, in time order. */
  advance(t: number, out: AudienceAction[] = []): AudienceAction[] {
    while (this.queue.peekTime() <= t) {
      const at = this.queue.peekTime();
      const job = this.queue.pop()!;
      this.t = Math.max(this.t, at);
      this.run(job, out);
    }
    this.t = Math.max(this.t, t);
    return out;
  }

  private run(job: Job, out: AudienceAction[]): void {
    const v = this.viewers[job.viewer]!;
    if (this.ended) return;
    if (job.type === 'arrive') {
      if (v.state !== 'waiting') return;
      v.state = 'present';
      v.arrivedT = this.t;
      const rng = this.rngs[v.index]!;
      const [lo, hi] = v.spec.watchMinutes;
      v.watchUntilT = this.t + Math.round((lo + rng.next() * (hi - lo)) * 60_000);
      out.push({ kind: 'arrive', viewer: v.index, name: v.name, persona: v.persona });
      this.queue.push(v.watchUntilT, { type: 'watch-end', viewer: v.index });
      if (this.live && rng.chance(0.3)) this.react(v, 'greeting', 1);
      this.scheduleThink(v);
      return;
    }
    if (v.state !== 'present') return;
    switch (job.type) {
      case 'think':
        this.think(v, out);
        return;
      case 'say': {
        const text = this.render(v, job.phrase, job.verbatim);
        out.push({ kind: 'say', viewer: v.index, text, chatKind: job.phrase.kind, replyTo: job.replyTo });
        return;
      }
      case 'signal':
        v.lastSignal = { sentiment: v.sentiment, trust: v.trust };
        out.push({
          kind: 'signal',
          viewer: v.index,
          sentiment: round2(v.sentiment),
          trust: round2(v.trust),
          intent: job.intent,
        });
        return;
      case 'order':
        out.push({ kind: 'order', viewer: v.index, order: job.order });
        return;
      case 'watch-end':
        // Engaged viewers stay longer; the rest drift away (the retention curve).
        if (v.trust > 0.65 && v.sentiment > 0.2) {
          v.watchUntilT = this.t + 10 * 60_000;
          this.queue.push(v.watchUntilT, { type: 'watch-end', viewer: v.index });
        } else this.leave(v, 'done', out);
        return;
    }
  }

  private scheduleThink(v: Viewer): void {
    const perMin = this.rate * v.spec.chattiness * (1 + v.heat);
    if (perMin <= 0) return;
    const meanMs = 60_000 / perMin;
    const wait = Math.min(meanMs * 4, -Math.log(1 - this.rngs[v.index]!.next()) * meanMs);
    this.queue.push(this.t + Math.max(1000, Math.round(wait)), { type: 'think', viewer: v.index });
  }

  private think(v: Viewer, out: AudienceAction[]): void {
    const rng = this.rngs[v.index]!;
    const oldest = v.pending[0];
    if (oldest) {
      const waited = this.t - oldest.t;
      const patience = v.spec.patienceSec * 1000;
      if (waited > 2 * patience && v.complaints > 0) {
        if (rng.chance(0.6)) this.sayNow(v, rng.pick(REACTIONS.leaving), out);
        nudge(v, -0.3, -0.15);
        this.leave(v, 'ignored', out);
        return;
      }
      if (waited > patience && v.complaints === 0) {
        v.complaints++;
        nudge(v, -0.3, -0.1);
        this.sayNow(v, rng.pick(REACTIONS.ignored), out);
        this.signal(v, null);
        this.scheduleThink(v);
        return;
      }
    }
    if (this.live && this.t - this.lastHostT > DULL_AFTER_MS) {
      nudge(v, -0.05, 0);
      if (rng.chance(v.persona === 'lurker' ? 0.3 : 0.12)) {
        this.leave(v, 'bored', out);
        return;
      }
    }
    this.everyday(v, out);
    this.scheduleThink(v);
  }

  private everyday(v: Viewer, out: AudienceAction[]): void {
    const rng = this.rngs[v.index]!;
    const bank = PHRASES[v.persona];
    const wantQuestion = this.live && v.pending.length === 0 && rng.chance(v.spec.questionShare);
    let idx = -1;
    for (let tries = 0; tries < 8; tries++) {
      const i = rng.int(bank.length);
      const p = bank[i]!;
      if ((p.kind === 'question') !== wantQuestion && tries < 6) continue;
      if (!this.live && p.kind === 'question') continue;
      if (v.recent.includes(i) && tries < 7) continue;
      idx = i;
      break;
    }
    if (idx < 0) return;
    v.recent.push(idx);
    if (v.recent.length > Math.min(6, bank.length - 2)) v.recent.shift();
    const verbatim = v.persona === 'fraud_lurer' || v.persona === 'troll';
    this.sayNow(v, bank[idx]!, out, null, verbatim);
  }

  private sayNow(
    v: Viewer,
    phrase: Phrase,
    out: AudienceAction[],
    replyTo: number | null = null,
    verbatim = true,
  ): void {
    out.push({ kind: 'say', viewer: v.index, text: this.render(v, phrase, verbatim), chatKind: phrase.kind, replyTo });
  }

  private render(v: Viewer, phrase: Phrase, verbatim: boolean): string {
    const base = this.lang === 'en' ? phrase.en : phrase.zh;
    if (verbatim || this.lang === 'en') return base;
    const rng = this.rngs[v.index]!;
    const lead = rng.pick(LEAD_INS);
    const tail = phrase.kind === 'question' ? '' : rng.pick(TAILS);
    return `${lead}${base}${tail}`;
  }

  private leave(v: Viewer, reason: LeaveReason, out: AudienceAction[]): void {
    if (v.state !== 'present') return;
    v.state = 'gone';
    v.leftT = this.t;
    v.leaveReason = reason;
    out.push({ kind: 'signal', viewer: v.index, sentiment: round2(v.sentiment), trust: round2(v.trust), intent: null });
    out.push({ kind: 'leave', viewer: v.index, reason });
  }

  // ── event-driven behaviour ───────────────────────────────────────────────

  /** Feed one public event (in seq order). */
  observe(e: SessionEvent): void {
    this.t = Math.max(this.t, e.t);
    switch (e.type) {
      case 'session.started':
        this.live = true;
        this.lastHostT = e.t;
        this.releaseReserve();
        for (const v of this.viewers)
          if (v.state === 'present' && this.rngs[v.index]!.chance(0.35)) this.react(v, 'greeting', 1);
        return;
      case 'segment.advanced':
        this.lastHostT = e.t;
        this.segmentsLeft = Math.max(1, this.cfg.scenario.segments.length - e.index);
        this.releaseReserve();
        return;
      case 'host.said':
        this.onHost(readHostSignals(e.text), null);
        return;
      case 'chat.message':
        if (e.actor.role === 'trainee') {
          this.onHost(readHostSignals(e.text), e.replyTo);
          return;
        }
        this.onViewerChat(e);
        return;
      case 'incident.fired': {
        const inc = this.incidents.get(e.incidentId);
        if (inc) this.onIncident(inc);
        return;
      }
      case 'participant.left': {
        const i = this.byParticipant.get(e.participantId);
        const v = i === undefined ? undefined : this.viewers[i];
        if (v && v.state === 'present') {
          v.state = 'gone';
          v.leftT = e.t;
          v.leaveReason = v.leaveReason ?? 'done';
        }
        return;
      }
      case 'session.ended':
        this.ended = true;
        return;
      case 'trade.invited':
        this.onInvitation(e);
        return;
      case 'session.created':
      case 'participant.joined':
      case 'viewer.sentiment':
      case 'viewer.intent':
      case 'trade.order':
      case 'trade.fill':
      case 'trade.rested':
      case 'trade.reject':
      case 'trade.unsuitable':
      case 'market.ticked':
      case 'session.branched':
      case 'audience.configured':
      case 'disclosure.changed':
      case 'stream.paused':
      case 'voice.sample':
        return;
      default: {
        const unreachable: never = e;
        return unreachable;
      }
    }
  }

  private releaseReserve(): void {
    if (this.reserve.length === 0) return;
    const n = Math.ceil(this.reserve.length / this.segmentsLeft);
    for (const i of this.reserve.splice(0, n)) {
      this.queue.push(this.t + Math.floor(this.room.next() * 20_000), { type: 'arrive', viewer: i });
    }
  }

  private react(v: Viewer, kind: ReactionKind, p: number, replyTo: number | null = null): void {
    const rng = this.rngs[v.index]!;
    if (!rng.chance(p)) return;
    const delay = Math.round((TYPING_SEC[0] + rng.next() * (TYPING_SEC[1] - TYPING_SEC[0])) * 1000);
    this.queue.push(this.t + delay, {
      type: 'say',
      viewer: v.index,
      phrase: rng.pick(REACTIONS[kind]),
      replyTo,
      verbatim: true,
    });
  }

  private signal(v: Viewer, intent: ViewerIntent | null): void {
    if (intent) {
      if (v.intents.has(intent)) intent = null;
      else v.intents.add(intent);
    }
    const moved =
      Math.abs(v.sentiment - v.lastSignal.sentiment) >= 0.2 || Math.abs(v.trust - v.lastSignal.trust) >= 0.15;
    if (!intent && !moved) return;
    this.queue.push(this.t + 500, { type: 'signal', viewer: v.index, intent });
  }

  private onHost(s: TextSignals, replyTo: number | null): void {
    this.lastHostT = this.t;
    if (s.warning) this.warnedT = this.t;
    const owner = replyTo === null ? undefined : this.questionOwner.get(replyTo);
    for (const v of this.viewers) {
      if (v.state !== 'present') continue;
      const rng = this.rngs[v.index]!;
      if (owner === v.index) {
        const at = v.pending.findIndex((p) => p.seq === replyTo);
        if (at >= 0) v.pending.splice(at, 1);
        v.complaints = 0;
        nudge(v, 0.25, 0.15);
        if (v.persona === 'compliance_baiter' && !s.promise) this.react(v, 'baiterFoiled', 0.4);
        else this.react(v, 'thanks', 0.35);
      } else if (replyTo !== null) {
        nudge(v, 0.005, 0.005); // a host who answers people is worth staying for
      }
      if (s.promise) {
        if (v.persona === 'compliance_baiter') {
          v.heat = Math.min(3, v.heat + 1);
          this.react(v, 'baiterPush', 0.8);
        } else if (v.persona === 'retiree' || v.persona === 'genz_newcomer') {
          nudge(v, 0.15, 0.05);
          this.react(v, 'promiseExcited', 0.35);
          this.signal(v, 'buy_interest');
        } else if (v.persona === 'troll' || v.persona === 'growth_investor') {
          this.react(v, 'skeptic', 0.3);
        }
      }
      if (s.warning) {
        if (v.bites > 0) {
          v.bites = 0;
          nudge(v, 0.05, 0.1);
          this.react(v, 'wary', 0.7);
        }
      }
      if (s.correction && this.wrongDataOnScreen) {
        nudge(v, 0.05, 0.1);
        this.react(v, 'corrected', 0.25);
      }
      if (s.disclosure && v.persona === 'retiree') nudge(v, 0, 0.03);
      // Each viewer decides once per invitation kind; repeating the pitch does not re-convert them.
      if (s.mockTrade && !v.intents.has('mock_trade') && v.persona !== 'fraud_lurer' && v.persona !== 'troll') {
        const appetite = riskLevel(v.riskClass) >= 3 ? 0.9 : 0.3;
        if (rng.chance(v.trust * appetite)) {
          this.react(v, 'tradeAccept', 0.7);
          this.signal(v, 'mock_trade');
        } else if (riskLevel(v.riskClass) <= 2) this.react(v, 'tradeDecline', 0.3);
      }
      if (
        s.account &&
        !v.intents.has('account_opening') &&
        v.persona !== 'fraud_lurer' &&
        v.persona !== 'troll' &&
        rng.chance(Math.max(0, v.trust - 0.35))
      ) {
        this.react(v, 'accountIntent', 0.4);
        this.signal(v, 'account_opening');
      }
      this.signal(v, null);
    }
    if (s.correction) this.wrongDataOnScreen = false;
  }

  /** Each present viewer answers a mock-trade invitation once (by persona, trust, risk class). */
  private onInvitation(e: EventOf<'trade.invited'>): void {
    const ins = this.cfg.scenario.instruments.find((i) => i.code === e.code);
    if (!ins) return;
    for (const v of this.viewers) {
      if (v.state !== 'present' || v.persona === 'fraud_lurer' || v.persona === 'troll') continue;
      if (v.intents.has(`invite:${e.seq}`)) continue;
      v.intents.add(`invite:${e.seq}`);
      const rng = this.rngs[v.index]!;
      const a = answerInvitation(v, e, ins, rng);
      if (a.line) this.sayLater(v, a.line, a.delayMs - 1500);
      if (a.order) {
        this.queue.push(this.t + a.delayMs, { type: 'order', viewer: v.index, order: a.order });
        this.signal(v, 'mock_trade');
      }
    }
  }

  /** The driver reports what the exchange did with a viewer's order (from the ack). */
  orderOutcome(viewer: number, order: OrderIntent, outcome: TradeOutcome): void {
    const v = this.viewers[viewer];
    if (!v || v.state !== 'present') return;
    const rng = this.rngs[v.index]!;
    const next = afterOutcome(v, order, outcome, rng);
    if (next.line) this.sayLater(v, next.line, 2000 + rng.int(4000));
    if (next.followUp)
      this.queue.push(this.t + 20_000 + rng.int(40_000), { type: 'order', viewer, order: next.followUp });
  }

  private sayLater(v: Viewer, phrase: Phrase, delayMs: number): void {
    this.queue.push(this.t + Math.max(500, delayMs), {
      type: 'say',
      viewer: v.index,
      phrase,
      replyTo: null,
      verbatim: true,
    });
  }

  /** A viewer's own question got this seq (from the event, or from the ack when bots see a filtered stream). */
  ownQuestion(viewer: number, seq: number, t: number): void {
    const v = this.viewers[viewer];
    if (!v || this.questionOwner.has(seq)) return;
    v.pending.push({ seq, t });
    this.questionOwner.set(seq, viewer);
  }

  private onViewerChat(e: Extract<SessionEvent, { type: 'chat.message' }>): void {
    const own = this.byParticipant.get(e.actor.id);
    if (own !== undefined && e.kind === 'question') this.ownQuestion(own, e.seq, e.t);
    if (this.t - this.warnedT < WARNING_MEMORY_MS || !isLurePost(e.text, e.kind)) return;
    // An unchallenged lure spreads: the susceptible take the bait.
    for (const v of this.viewers) {
      if (v.state !== 'present' || v.index === own || v.bites >= 2 || v.spec.lureSusceptibility === 0) continue;
      const rng = this.rngs[v.index]!;
      if (!rng.chance(v.spec.lureSusceptibility * (1 - v.trust * 0.5) * 0.6)) continue;
      v.bites++;
      this.react(v, 'lureBite', 1);
      this.signal(v, 'scam_contact');
    }
  }

  private presentOf(persona: PersonaId): Viewer[] {
    return this.viewers.filter((v) => v.state === 'present' && v.persona === persona);
  }

  /** Bring in extra viewers of a persona now (an incident's wave). */
  private spawn(persona: PersonaId, n: number): Viewer[] {
    const out: Viewer[] = [];
    for (let i = 0; i < n; i++) {
      const v = this.addViewer(persona);
      this.queue.push(this.t + Math.floor(this.room.next() * 5000), { type: 'arrive', viewer: v.index });
      out.push(v);
    }
    return out;
  }

  private queueLines(v: Viewer, phrases: readonly Phrase[], n: number, spreadMs: number): void {
    const rng = this.rngs[v.index]!;
    for (let i = 0; i < n; i++) {
      this.queue.push(this.t + 3000 + Math.floor(rng.next() * spreadMs), {
        type: 'say',
        viewer: v.index,
        phrase: rng.pick(phrases),
        replyTo: null,
        verbatim: true,
      });
    }
  }

  private onIncident(inc: Incident): void {
    const detail = inc.detail ?? {};
    const custom = (key: string, kind: 'chat' | 'question'): Phrase[] =>
      typeof detail[key] === 'string' ? [{ zh: detail[key] as string, en: detail[key] as string, kind }] : [];
    switch (inc.kind) {
      case 'lure_flood': {
        const lurers = [...this.presentOf('fraud_lurer'), ...this.spawn('fraud_lurer', 2)];
        const lures = PHRASES.fraud_lurer.filter((p) => p.kind === 'chat');
        for (const v of lurers) this.queueLines(v, [...custom('message', 'chat'), ...lures], 3, 60_000);
        return;
      }
      case 'troll_wave': {
        const trolls = [...this.presentOf('troll'), ...this.spawn('troll', 2)];
        const rumour = custom('rumour', 'chat').concat(custom('message', 'chat'));
        const lines = rumour.length ? rumour : PHRASES.troll.filter((p) => /冻结|暴雷|资金链/.test(p.zh));
        for (const v of trolls) this.queueLines(v, lines.length ? lines : PHRASES.troll, 2, 60_000);
        for (const v of this.viewers) if (v.state === 'present' && v.persona !== 'troll') nudge(v, -0.1, -0.08);
        return;
      }
      case 'stock_tip_demand': {
        const askers = this.presentOf('growth_investor').concat(this.presentOf('compliance_baiter'));
        const who = askers.length ? this.room.pick(askers) : this.spawn('growth_investor', 1)[0]!;
        const asks = [...custom('message', 'question'), ...custom('question', 'question')];
        this.queueLines(who, asks.length ? asks : REACTIONS.tipDemand, 1, 5000);
        return;
      }
      case 'wrong_data': {
        this.wrongDataOnScreen = true;
        const shown = typeof detail.shown === 'string' ? detail.shown : null;
        for (const v of this.viewers) {
          if (v.state !== 'present') continue;
          nudge(v, 0, -0.05);
          if (v.persona === 'troll' && shown)
            this.queueLines(v, [{ zh: `截图了：${shown}`, en: `Screenshot: ${shown}`, kind: 'chat' }], 1, 20_000);
          else if (v.persona === 'genz_newcomer' || v.persona === 'growth_investor') this.react(v, 'wrongData', 0.4);
        }
        return;
      }
      case 'market_shock': {
        for (const v of this.viewers) {
          if (v.state !== 'present') continue;
          if (v.persona === 'growth_investor' || v.persona === 'genz_newcomer') {
            nudge(v, -0.2, 0);
            this.react(v, 'shock', 0.5);
          }
        }
        return;
      }
    }
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
