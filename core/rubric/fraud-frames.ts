/**
 * Scam scripts recognised by what they do, not by a listed phrase (issue 13, "evasion" and
 * "paraphrase" classes for fraud_lure): pay to withdraw, inside information, privileged
 * channels, miracle tools and gurus, private groups on evasively spelled apps, money into a
 * personal or "safe" account. Each is a structure (a payment tied to a release, a source tied
 * to a tip…). An anti-fraud talk that names them beside a warning is not a lure (the same
 * warning test as the listed phrases). Pure; candidates in normalised offsets.
 */
import { hitsOf, isFramed, isProhibited, type Analysis, type Candidate } from './analysis.js';

/** Private-contact apps as streamers spell them (after normalise.ts: 微信, qq, 飞机 …). */
const APP =
  /微信|qq|扣扣|企鹅|绿色软件|绿泡泡|纸飞机|飞机群|飞群|电报|telegram|discord|whatsapp|wechat|w\W?e\W?c\W?h\W?a\W?t|signal app|line群|小红书私信/;

const FRAMES: readonly [RegExp, string][] = [
  // 先交解冻费才能提现 / pay the 20% tax first and your withdrawal will be released
  [
    /(?:先|需要|要|得|再)(?:交|缴|缴纳|充值|付|转|补|充)[^。！？!?]{0,14}?(?:费|税|保证金|押金|激活|升级|刷流水|流水|会员)[^。！？!?]{0,12}?(?:才能|就能|才会|才可以|然后|就好|就可以)|(?:提现|出金|解冻|到账|放款)[^。！？!?]{0,10}?(?:先|需要|要)(?:交|缴|付|充值)|升级为?vip才能|信用分不够|pay (?:the|a|your)[^.!?]{0,20}?(?:tax|fee|deposit|charge)[^.!?]{0,30}?(?:withdraw|release|unlock|cash out)|(?:withdraw|release|unlock)[^.!?]{0,30}?after paying|release fee|unlock fee/g,
    'pay-to-withdraw',
  ],
  // 提前拿到业绩预告 / 朋友在券商透出来的消息 / insiders get the numbers before they're published
  [
    /(?:提前|内部|内幕|独家|第一时间)[^。！？!?，,]{0,6}?(?:消息|名单|额度|调仓|资金计划|业绩预告|重组|建仓|研报|内参|布局名单)|(?:消息人士|知情人|内部人|董秘|庄家|游资|大股东)[^。！？!?]{0,8}?(?:透露|说|告诉|消息|提前|很熟|要)|(?:朋友|熟人|舅舅|叔叔|亲戚|师父|同学)[^。！？!?]{0,10}?(?:在|是)[^。！？!?]{0,6}?(?:券商|基金公司|私募|交易所|证监会|上市公司|自营|sec\b)|(?:insider|inside info|before (?:it's|they're|the news is) (?:published|announced|public)|before the (?:merger|earnings) news|before they move|main force|big (?:players|money) (?:are|is) (?:buying|doing)|works at the sec)/g,
    'inside-information',
  ],
  // 机构专用通道 / 打新包中 / 内部价认购 / institutional channel, allocated at 100%, presale
  [
    /(?:机构|专用|内部|特殊|vip)[^。！？!?，,]{0,3}?(?:通道|席位|额度|配售|价|份额)|打新[^。！？!?]{0,8}?(?:包中|必中|一定能中|都能中|中签率|名额|通道)|中签率[^。！？!?]{0,4}?(?:百分之|\d)|原始(?:股|份额)|institutional (?:channel|block|allocation)|allocated at 100|presale|insiders only|pre-?ipo allocation/g,
    'privileged-channel',
  ],
  // AI 选股准确率95% / our quant robot has a 95% win rate / guru, master trader, 牛散
  [
    /(?:ai|智能|量化|机器人|算法)[^。！？!?]{0,8}?(?:选股|荐股|机器人|信号|喊单)?[^。！？!?]{0,6}?(?:准确率|胜率|命中率|从不失手|百发百中|稳赚)|(?:ai|quant|trading bot|robot|signals?)[^.!?]{0,20}?(?:win rate|accuracy|hit rate|guarantees|never miss|every (?:move|listing))|(?:老师|导师|股神|大佬|牛散|操盘手|首席)[^。！？!?]{0,10}?(?:群|带|喊单|票|从来不|从不|手把手|私享|课)|(?:guru|master trader|professor|the legend|whale)[^.!?]{0,30}?(?:group|picks|calls|called|channel|room|private)|(?:signals room|pump channel|whale alerts|members group|inner circle|private group)/g,
    'guru-or-miracle-tool',
  ],
  // 扣1进群 / 🐧群号在主页 / drop a 1 in the chat / DM me "ready"
  [
    /(?:扣|刷|打|回复)[^。！？!?]{0,2}?(?:1|一|666|上车|"|“)[^。！？!?]{0,8}?(?:进群|拉你|拉群|入群|领|进)|(?:群号|进群|入群|拉群)[^。！？!?]{0,8}?(?:主页|私信|私我|简介|看我)|(?:type|drop|comment) (?:a )?1\b[^.!?]{0,30}?(?:add you|group|dm|in)|dm me ["'“]\w+/g,
    'private-group',
  ],
  // 转到我这个卡上 / 对公账户 备注认购款 / send it to the wallet address
  [
    /转(?:到|给|进)[^。！？!?]{0,6}?这个[^。！？!?]{0,4}?(?:卡|账户|账号|钱包)|(?:对公账户|安全账户)[^。！？!?]{0,10}?(?:转|打|备注|汇)|(?:转|打|汇)[^。！？!?]{0,6}?(?:对公账户|安全账户)|wallet address|safe account|send (?:it|the money|funds) to (?:my|this|our) (?:account|wallet)/g,
    'money-to-private-account',
  ],
];
const GATE =
  /费|税|金|消息|内部|内幕|提前|通道|席位|打新|原始|ai|量化|老师|导师|股神|大佬|牛散|操盘|群|扣|转|账户|卡|fee|tax|insider|before|channel|presale|quant|bot|signal|guru|master|professor|group|dm|1|wallet|account|main force|big/;

/** An anti-fraud talk: a warning in the same sentence (警惕, 骗局, 12386, scam). */
function warned(a: Analysis, start: number): boolean {
  const si = a.sentenceOf[start];
  for (const tag of ['warn', 'frameTrail', 'fakeEntity', 'prohibit'] as const)
    for (const w of hitsOf(a, tag)) if (a.sentenceOf[w.start] === si) return true;
  return /骗|诈|假的|假冒|冒充|不是我们|不存在|没人能|没有人能|内幕交易|违法|违规|法律风险|scam|fraud|fake|illegal|not us|not ours|selling a story|\bstop\b|非法|举报|别信|不要信|千万|警惕|小心|red flag|stay out|never pay|don'?t pay|不要交|别交/.test(
    a.text.slice(Math.max(0, start - 30), start + 60),
  );
}

export interface FraudFrames {
  readonly candidates: Candidate[];
  /** Stable ids of the frames seen (as features), whether or not a warning covers them. */
  readonly flags: number[];
  /** A private-contact app is named (evasive spellings folded). */
  readonly app: boolean;
}

export function findFraudFrames(a: Analysis): FraudFrames {
  const t = a.text;
  const candidates: Candidate[] = [];
  const flags: number[] = [];
  const app = APP.test(t);
  if (app) flags.push(20);
  if (!GATE.test(t)) return { candidates, flags, app };
  for (let i = 0; i < FRAMES.length; i++) {
    const [re, rule] = FRAMES[i] as [RegExp, string];
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const end = m.index + m[0].length;
      flags.push(i);
      if (isFramed(a, m.index, end) || isProhibited(a, m.index) || warned(a, m.index)) {
        flags.push(10 + i);
        continue;
      }
      // 不会让你先交费 / we never ask you to pay: a negation just before.
      if (
        /(?:不会|不需要|不用|从不|绝不|没有|不存在|never|don'?t|doesn'?t|no one)[^，。,.]{0,6}$/.test(
          t.slice(Math.max(0, m.index - 10), m.index),
        )
      )
        continue;
      candidates.push({ start: m.index, end, rule });
    }
  }
  return { candidates, flags, app };
}

const AFFIRM = /^(?:嗯)?(?:是的?|对|没问题|可以|能|当然|真的|yes|yeah|yep|sure|of course|100%|absolutely|correct)/;

/** A bare yes to a viewer who describes a scam step (decision 8): the reply carries it. */
export function affirmsLure(a: Analysis): Candidate | undefined {
  const v = a.context;
  if (v === null || a.text.length > 16 || !AFFIRM.test(a.text)) return undefined;
  if (/不|没|别|no\b|not|never/.test(a.text.slice(0, 8))) return undefined;
  const f = findFraudFrames(v);
  return f.candidates.length > 0 || f.flags.some((x) => x < 10)
    ? { start: 0, end: a.text.length, rule: 'yes-to-lure' }
    : undefined;
}
