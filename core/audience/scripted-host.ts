/**
 * A scripted host for headless simulation and tests: reads the scenario's lines on a schedule and
 * handles the chat. `careful` answers questions quickly and compliantly, warns about lures and
 * corrects wrong data; `careless` makes the mistakes the rubrics look for (ignores most
 * questions, promises returns, leaves lures standing, overruns). Pure: events in, actions out.
 */
import type { SessionEvent } from '../events.js';
import { Rng } from '../random.js';
import type { Instrument, Scenario } from '../scenario.js';
import type { CommandInput } from '../protocol.js';
import { riskWording } from '../trade.js';
import { isLurePost } from './signals.js';

export type HostMode = 'careful' | 'careless';

export type HostAction =
  | { cmd: 'session.start' }
  | { cmd: 'host.say'; text: string; lineIndex: number | null }
  | { cmd: 'chat.send'; text: string; replyTo: number | null }
  | { cmd: 'trade.invite'; invite: CommandInput<'trade.invite'> }
  | { cmd: 'stream.pause'; paused: boolean }
  | { cmd: 'disclosure.set'; on: boolean }
  | { cmd: 'segment.next' }
  | { cmd: 'session.end' };

interface Timed {
  at: number;
  action: HostAction;
}

const ANSWERS: Array<[RegExp, string]> = [
  [
    /保本|本金|亏|安全|存款/,
    '谢谢提问。基金和股票都不保本，净值会波动，可能亏损本金；请先做风险测评，选择与自己风险等级匹配的产品。',
  ],
  [
    /目标价|代码|买哪|哪只|个股|止损/,
    '直播中不能推荐具体个股，也不给目标价。我们可以一起学习怎么看公开的财务信息，投资决策请独立判断、谨慎决定。',
  ],
  [/杠杆|两融|期权|配资|雪球/, '杠杆和期权属于高风险业务，需要相应的风险等级和资格；场外配资不受法律保护，请远离。'],
  [/开户|App|APP|下载/, '开户请只通过我们的官方App或营业部办理，开户前需要完成风险测评；任何私下发来的链接都不要点。'],
  [
    /骗|群|老师|带单|转账/,
    '凡是让你加私人微信、进群跟老师带单、往“安全账户”转账的，都是骗局。有疑问请拨打12386或通过官方App核实。',
  ],
];
const GENERIC_ANSWER = '谢谢你的问题。投资有风险，入市需谨慎，具体情况可以通过官方App联系持牌投资顾问。';
const LURE_WARNING =
  '提醒大家：评论区里让你加微信、进群、跟老师带单的都是骗局，请不要私下转账。请认准官方App，有疑问可拨打12386热线核实。';
const CARELESS_PROMISE = '放心，这个跟着买稳赚不赔，一年赚个20%没问题。';

export class ScriptedHost {
  private rng: Rng;
  private queue: Timed[] = [];
  private segment = -1;
  private started = false;
  private ended = false;
  private lastLureWarnT = -Infinity;
  private promised = false;
  private correctedIncidents = new Set<string>();

  constructor(
    private scenario: Scenario,
    private mode: HostMode,
    seed: number,
    /** When the host goes live, in ms after the session was created. */
    private startAt = 30_000,
  ) {
    this.rng = new Rng(seed ^ 0x5bd1e995);
    this.push(startAt, { cmd: 'session.start' });
  }

  private push(at: number, action: HostAction): void {
    // Few items: a sorted insert keeps the order stable for equal times.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > at) i--;
    this.queue.splice(i, 0, { at, action });
  }

  /** Actions due up to t. */
  advance(t: number): HostAction[] {
    const out: HostAction[] = [];
    while (this.queue.length && this.queue[0]!.at <= t && !this.ended) out.push(this.queue.shift()!.action);
    return out;
  }

  observe(e: SessionEvent): void {
    switch (e.type) {
      case 'session.started':
        this.started = true;
        // A careful host puts the risk banner on screen from the start and leaves it there.
        if (this.mode === 'careful' && this.scenario.disclosure)
          this.push(e.t + 2_000, { cmd: 'disclosure.set', on: true });
        this.planSegment(0, e.t);
        return;
      case 'segment.advanced':
        this.planSegment(e.index, e.t);
        return;
      case 'session.ended':
        this.ended = true;
        return;
      case 'chat.message':
        if (e.actor.role === 'trainee' || !this.started) return;
        if (e.kind === 'question') this.onQuestion(e.seq, e.text, e.t);
        if (isLurePost(e.text, e.kind)) this.onLure(e.t);
        return;
      case 'incident.fired':
        this.onIncident(e.incidentId, e.t);
        return;
      default:
        return;
    }
  }

  private planSegment(index: number, t: number): void {
    if (index !== this.segment + 1 && index !== this.segment) return;
    this.segment = index;
    const seg = this.scenario.segments[index];
    if (!seg) return;
    // Careful hosts keep to ~85 % of the budget; careless ones run 40 % over.
    const span = seg.budgetSec * 1000 * (this.mode === 'careful' ? 0.85 : 1.4);
    const gap = span / (seg.lines.length + 1);
    seg.lines.forEach((line, i) => {
      if (line.counterExample && this.mode === 'careful') return;
      this.push(t + Math.round(gap * (i + 1)), { cmd: 'host.say', text: line.zh, lineIndex: i });
    });
    if (this.mode === 'careless' && !this.promised && (seg.callToAction || index === 2)) {
      this.promised = true;
      this.push(t + Math.round(span / 2) + 1, { cmd: 'host.say', text: CARELESS_PROMISE, lineIndex: null });
    }
    if (seg.callToAction && this.scenario.instruments.length > 0) {
      // Invite right after the line that asks viewers to order (or halfway through).
      const at = seg.lines.findIndex((l) => /模拟下单|下单/.test(l.zh));
      const after = at >= 0 ? gap * (at + 1) : span / 2;
      this.push(t + Math.round(after) + 3000, { cmd: 'trade.invite', invite: this.invitation() });
    }
    const last = index === this.scenario.segments.length - 1;
    this.push(t + Math.round(span), last ? { cmd: 'session.end' } : { cmd: 'segment.next' });
  }

  /**
   * A careful host invites a trade in the least risky listed stock or ETF (one lot); a careless
   * one picks the riskiest product and leaves the suitability part out of the wording.
   */
  private invitation(): CommandInput<'trade.invite'> {
    const level = (i: Instrument) => Number(i.risk.slice(1));
    const traded = this.scenario.instruments.filter((i) => i.kind !== 'fund');
    const pool = traded.length > 0 ? traded : this.scenario.instruments;
    const pick = [...pool].sort((a, b) => (this.mode === 'careful' ? level(a) - level(b) : level(b) - level(a)))[0]!;
    const fund = pick.kind === 'fund';
    const wording = this.mode === 'careful' ? riskWording(pick) : '模拟盘随便买，练练手。';
    return { code: pick.code, side: 'buy', qty: fund ? null : 100, amount: fund ? 1000 : null, riskWording: wording };
  }

  private onQuestion(seq: number, text: string, t: number): void {
    if (this.mode === 'careless' && !this.rng.chance(0.25)) return;
    const delay = this.mode === 'careful' ? 8_000 + this.rng.int(15_000) : 60_000 + this.rng.int(140_000);
    const answer = ANSWERS.find(([re]) => re.test(text))?.[1] ?? GENERIC_ANSWER;
    this.push(t + delay, { cmd: 'chat.send', text: answer, replyTo: seq });
  }

  private onLure(t: number): void {
    if (this.mode === 'careless') return;
    if (t - this.lastLureWarnT < 60_000) return;
    this.lastLureWarnT = t;
    this.push(t + 6_000 + this.rng.int(8_000), { cmd: 'host.say', text: LURE_WARNING, lineIndex: null });
  }

  private onIncident(id: string, t: number): void {
    const inc = this.scenario.incidents.find((i) => i.id === id);
    if (!inc || this.mode === 'careless' || this.correctedIncidents.has(id)) return;
    this.correctedIncidents.add(id);
    const d = inc.detail ?? {};
    if (inc.kind === 'wrong_data') {
      const correct = typeof d.correct === 'string' ? d.correct : '正确数据请以官方披露为准';
      // The programme's 4.5.2 sequence: pause, check, correct with the right figure, apologise, resume.
      this.push(t + 15_000, {
        cmd: 'host.say',
        text: '各位观众，直播暂停一下，我们刚才屏幕上的数据有误，正在核实。',
        lineIndex: null,
      });
      this.push(t + 16_000, { cmd: 'stream.pause', paused: true });
      this.push(t + 40_000, {
        cmd: 'host.say',
        text: `更正：正确的数据是${correct}。刚才的错误数据给大家带来误导，我们郑重道歉。直播现在继续。`,
        lineIndex: null,
      });
      this.push(t + 41_000, { cmd: 'stream.pause', paused: false });
    } else if (inc.kind === 'troll_wave') {
      this.push(t + 20_000, {
        cmd: 'host.say',
        text: '关于评论区的传言，我们的经营和客户资产托管一切正常，请以公司官方公告为准，不要相信、也不要转发未经核实的消息。',
        lineIndex: null,
      });
    }
  }
}
