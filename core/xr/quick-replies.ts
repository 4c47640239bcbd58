/**
 * Quick replies for the headset: in VR the trainee cannot type, so each waiting question offers a
 * few compliant reply templates, chosen by what the question is about. Pure: the client maps the
 * template ids to text in client/src/locales/<lang>/xr.json (`replies.<id>.text`).
 *
 * The kinds follow the traps of the programme (seed 4.5: no promise of returns or principal, no
 * individual stock calls, account and money matters only through official channels, warn about
 * private groups). Classification is by keywords, first match wins in KIND_ORDER: a scam lure
 * that also mentions returns is answered as a scam.
 */
import type { ChatEntry, SessionState } from '../session.js';

export const QUESTION_KINDS = ['scam', 'account', 'principal', 'returns', 'stock_pick', 'general'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const REPLY_IDS = [
  'acknowledge',
  'noReturnPromise',
  'riskDisclosure',
  'principalAtRisk',
  'suitability',
  'noStockTips',
  'officialChannels',
  'verifyApp',
  'scamWarning',
  'investorEducation',
] as const;
export type ReplyId = (typeof REPLY_IDS)[number];

/** Order of precedence when a question matches several kinds. */
const KIND_ORDER: readonly Exclude<QuestionKind, 'general'>[] = [
  'scam',
  'account',
  'principal',
  'returns',
  'stock_pick',
];

/** Keywords per kind, lower case; Chinese and English. */
const KEYWORDS: Record<Exclude<QuestionKind, 'general'>, readonly string[]> = {
  scam: [
    '加群',
    '进群',
    '拉群',
    '群里',
    '荐股群',
    '微信',
    'vx',
    'qq',
    '私聊',
    '私信',
    '老师',
    '内幕',
    '带你赚',
    '带单',
    'group',
    'wechat',
    'dm me',
    'insider',
    'scam',
  ],
  account: [
    '开户',
    '账户',
    '账号',
    '转账',
    '汇款',
    '银证',
    '密码',
    '验证码',
    '客服',
    'app',
    '下载',
    '链接',
    '电话',
    '提现',
    '出金',
    'account',
    'transfer',
    'password',
    'download',
    'link',
    'support',
  ],
  principal: [
    '本金',
    '保本',
    '亏',
    '赔',
    '安全',
    '存款',
    '稳当',
    '兜底',
    '国债',
    'principal',
    'lose',
    'loss',
    'safe',
    'deposit',
    'guarantee',
  ],
  returns: [
    '收益',
    '赚',
    '回报',
    '利息',
    '翻倍',
    '百分之',
    '%',
    '年化',
    '涨',
    '稳',
    'return',
    'profit',
    'earn',
    'gain',
    'yield',
    'double',
    'per cent',
    'percent',
  ],
  stock_pick: [
    '推荐',
    '哪只',
    '哪个股',
    '代码',
    '个股',
    '股票',
    '买什么',
    '能买',
    '上车',
    '板块',
    '抄底',
    '涨停',
    '荐股',
    '选股',
    'recommend',
    'which stock',
    'ticker',
    'should i buy',
    'stock',
    'pick',
  ],
};

/** Three replies per kind, most specific first. */
export const REPLIES_BY_KIND: Record<QuestionKind, readonly [ReplyId, ReplyId, ReplyId]> = {
  scam: ['scamWarning', 'officialChannels', 'riskDisclosure'],
  account: ['officialChannels', 'verifyApp', 'scamWarning'],
  principal: ['principalAtRisk', 'riskDisclosure', 'suitability'],
  returns: ['noReturnPromise', 'riskDisclosure', 'suitability'],
  stock_pick: ['noStockTips', 'suitability', 'riskDisclosure'],
  general: ['acknowledge', 'investorEducation', 'riskDisclosure'],
};

/** What a question is about, from its words (case-insensitive). */
export function classifyQuestion(text: string): QuestionKind {
  const s = text.toLowerCase();
  for (const kind of KIND_ORDER) {
    if (KEYWORDS[kind].some((k) => s.includes(k))) return kind;
  }
  return 'general';
}

/** The reply template ids to offer for a question. */
export function quickRepliesFor(text: string): readonly ReplyId[] {
  return REPLIES_BY_KIND[classifyQuestion(text)];
}

/** Answer in the viewer's language: Chinese if the question has any CJK character, else English. */
export function replyLanguage(text: string): 'zh' | 'en' {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}

/**
 * The questions still waiting for the host, oldest first, at most `max`: the chat entries behind
 * `state.questions` (which already drops answered ones).
 */
export function waitingQuestions(state: Pick<SessionState, 'questions' | 'chat'>, max: number): ChatEntry[] {
  const out: ChatEntry[] = [];
  if (max <= 0) return out;
  for (const q of state.questions) {
    const entry = findBySeq(state.chat, q.seq);
    if (entry && entry.answerSeq === null) out.push(entry);
    if (out.length >= max) break;
  }
  return out;
}

/** Chat is ordered by seq: binary search. */
function findBySeq(chat: readonly ChatEntry[], seq: number): ChatEntry | undefined {
  let lo = 0;
  let hi = chat.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = chat[mid]!;
    if (e.seq === seq) return e;
    if (e.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
