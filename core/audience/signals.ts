import type { ChatKind } from '../events.js';
import { cachedCheck } from '../rubric/check-cache.js';

/**
 * Cheap, deterministic reading of chat and host lines for the audience policy: what a viewer
 * notices (a promise, a warning, a lure, an invitation). This is how viewers perceive the host,
 * not the compliance verdict; scoring uses core/rubric.
 */

const PROMISE =
  /(稳赚|保本|包赚|翻倍|一定(会)?涨|稳稳的|收益有保障|保证收益|零风险|无风险|亏了.{0,2}补|guaranteed|risk-free|can't lose)/gi;
const NEGATION_BEFORE = /(不|没有|无法|不能|不会|别|绝不|没人能|不承诺|no one can|not|never)\s*$/i;
const WARNING = /(骗子|骗局|诈骗|反诈|12386|举报|不要(加|转账|相信|点|下载)|官方(渠道|App|APP|网站|客服)|scam|fraud)/i;
const DISCLOSURE = /(风险|不保本|谨慎|可能(会)?亏|净值(会)?波动|过往业绩不代表|risk)/i;
const MOCK_TRADE = /(模拟(交易|下单|盘)|虚拟交易所|mock trade|virtual exchange)/i;
const ACCOUNT = /(开户|open an account)/i;
const CORRECTION = /(更正|纠正|说错|数据有误|错误|致歉|道歉|抱歉|correction|apologi[sz]e)/i;
/** Strong lure markers only: a viewer asking "怎么进群？" must not itself read as a lure. */
const LURE = /(扣1|vx|v信|薇信|QQ群|带单|内幕|荐股|配资|股神|必中|私我|加我|涨停股|翻倍群|insider tip|DM me)/i;

export interface TextSignals {
  promise: boolean;
  warning: boolean;
  disclosure: boolean;
  mockTrade: boolean;
  account: boolean;
  correction: boolean;
  lure: boolean;
}

/** True if `re` (a global regex, compiled once) matches somewhere not just after a negation. */
function hasUnnegated(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index))) {
      re.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/** What viewers notice in a viewer's chat line: regexes only (this runs for every message). */
export function readSignals(text: string): TextSignals {
  return {
    promise: hasUnnegated(PROMISE, text),
    warning: WARNING.test(text),
    disclosure: DISCLOSURE.test(text),
    mockTrade: MOCK_TRADE.test(text),
    account: ACCOUNT.test(text),
    correction: CORRECTION.test(text),
    lure: LURE.test(text),
  };
}

/**
 * What viewers notice in the host's words. A promise is judged by the compliance detectors, so a
 * scam phrase quoted inside a warning ("骗子常说'稳赚不赔'") does not excite anyone; host lines are
 * few, so the cost does not matter.
 */
export function readHostSignals(text: string): TextSignals {
  const s = readSignals(text);
  if (!s.promise) return s;
  const labels = cachedCheck(text).labels;
  s.promise = labels.includes('promise_of_returns') || labels.includes('guarantee_of_principal');
  return s;
}

const CONTACT = /(vx|v信|薇信|微信|QQ|私我|加我)/i;

/**
 * Does a viewer's chat line read as a scam post to other viewers? Judged by the compliance
 * detectors so that "原来免费荐股都是套路" or a newcomer's "扣1" reply does not count as a lure
 * and set off a cascade; questions ("老师带单靠谱吗？") are curiosity, not lures.
 */
export function isLurePost(text: string, kind: ChatKind): boolean {
  if ((kind !== 'chat' && kind !== 'lure') || text.length < 6 || !readSignals(text).lure) return false;
  const labels = cachedCheck(text).labels;
  return labels.includes('fraud_lure') || (labels.includes('unlicensed_advice') && CONTACT.test(text));
}
