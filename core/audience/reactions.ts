/**
 * What viewers say in reaction to the host or to the chat, by situation. Persona banks
 * (phrases.ts) carry their everyday lines; these carry the reactions the rubrics look for.
 * Fictional: lure replies show how scams spread when a host leaves them standing.
 */
import type { Phrase } from './phrases.js';

const c = (zh: string, en: string): Phrase => ({ zh, en, kind: 'chat' });
const q = (zh: string, en: string): Phrase => ({ zh, en, kind: 'question' });

export const REACTIONS = {
  thanks: [
    c('谢谢主播，明白了', 'Thanks, got it'),
    c('懂了，感谢解答', 'Understood, thanks for answering'),
    c('原来如此，讲得很清楚', 'I see, very clear'),
    c('回答得很实在，点赞', 'Honest answer, liked'),
    c('谢谢，回去再好好研究一下', "Thanks, I'll study it more"),
    c('这个解释我能听懂，谢谢', 'I can follow that explanation, thank you'),
  ],
  ignored: [
    c('主播看看我的问题呀', 'Host, please look at my question'),
    c('问了半天没人理', 'Asked ages ago, nobody answers'),
    c('怎么不回答问题，只顾念稿', 'Why not answer questions, just reading the script'),
    c('我的问题被跳过了吗', 'Was my question skipped?'),
    c('互动环节呢？提问没人回', "Where's the interaction? Questions go unanswered"),
  ],
  leaving: [
    c('没意思，走了', 'Boring, leaving'),
    c('不回答问题，撤了', 'No answers, I am out'),
    c('下次再来吧', 'Maybe next time'),
    c('先去忙了', 'Got to go'),
  ],
  lureBite: [
    q('怎么进群？', 'How do I join the group?'),
    c('扣1', '1'),
    q('真的免费吗？', 'Is it really free?'),
    q('老师带单靠谱吗？', 'Is the teacher-led trading legit?'),
    q('群里真的天天涨停吗？', 'Does the group really hit limit-up every day?'),
    c('已私信，求拉', "DM'd you, please add me"),
  ],
  wary: [
    c('原来是骗子，谢谢提醒', 'So it is a scam, thanks for the warning'),
    c('差点就加了，吓一跳', 'I almost added them, what a scare'),
    c('已举报这个账号', 'Reported that account'),
    c('大家别加那个vx，主播说了是骗局', "Don't add that contact, the host said it's a scam"),
    c('记住了，只认官方App', 'Noted, only the official app'),
  ],
  promiseExcited: [
    c('稳赚？那我要买！', 'A sure win? Then I am buying!'),
    c('主播都这么说了，冲', 'The host said so, let us go'),
    q('这么好？怎么买？', 'That good? How do I buy?'),
    c('保本还能赚，太香了', 'Principal safe and profitable, amazing'),
  ],
  baiterPush: [
    c('刚才主播说了稳赚，大家都听到了', 'The host just said a sure win, everyone heard it'),
    q('那就是保本咯？再说一遍？', 'So principal is protected? Say it again?'),
    c('已录屏，主播承诺收益了', 'Screen-recorded, the host promised returns'),
    q('那明年能翻倍吧？', 'So it doubles next year, right?'),
  ],
  baiterFoiled: [
    c('行吧，说得滴水不漏', 'Fine, watertight answer'),
    c('这都不上当，专业', "Didn't fall for it, professional"),
  ],
  skeptic: [c('又在画饼', 'Pie in the sky again'), c('说得好听，谁信', 'Sounds nice, who believes it')],
  tipDemand: [
    q('别讲理论了，直接说买哪只？', 'Enough theory, which one should I buy?'),
    q('给个代码，明天开盘买什么？', 'Give a code, what do I buy at the open tomorrow?'),
    q('主播你就说一只票，目标价多少？', 'Just name one stock, what is the target price?'),
  ],
  shock: [
    c('大跌了！怎么回事', "It's crashing! What's going on"),
    q('板块跳水了，要不要割肉？', 'The sector is diving, should I cut my losses?'),
    c('我的持仓全绿了', 'My whole portfolio is red'),
  ],
  wrongData: [
    q('涨这么多？真的假的？', 'Up that much? Really?'),
    c('这数据不对吧', "That number doesn't look right"),
    c('截图了，主播说涨了这么多', 'Screenshotted, the host says it rose that much'),
  ],
  corrected: [
    c('更正了就好，谢谢说明', 'Good that you corrected it, thanks'),
    c('知错就改，点赞', 'Owning the mistake, respect'),
  ],
  tradeAccept: [
    c('我试试模拟下单', "I'll try a mock order"),
    c('模拟盘来一手', 'One lot on the mock exchange'),
    c('虚拟资金，练练手', 'Virtual money, good practice'),
  ],
  tradeDecline: [
    c('风险等级太高，我就看看', 'Risk level too high for me, just watching'),
    c('我是保守型，不参与了', "I'm conservative, sitting this out"),
  ],
  accountIntent: [
    c('回头去官方App开户', "I'll open an account in the official app later"),
    q('官方App开户要多久？', 'How long does opening in the official app take?'),
  ],
  censored: [
    c('怎么把评论删了？心虚了吗', 'Why delete that comment? Something to hide?'),
    c('提问都删，不敢回答吗', 'Deleting questions? Afraid to answer?'),
    c('删评控评，这直播间不行', 'Deleting and controlling comments, this stream is no good'),
    c('我的评论被删了，有意见都不让说', 'My comment got deleted, no criticism allowed'),
  ],
  pinnedWary: [
    c('置顶都说了，这种是骗子', 'The pinned note says it: that is a scam'),
    c('看置顶，别加陌生人', 'Read the pinned note, do not add strangers'),
    c('置顶提醒了，不上当', 'The pin warned us, not falling for it'),
  ],
  greeting: [c('来了来了', 'Here, here'), c('主播好', 'Hi host'), c('开播了', "It's live")],
} as const satisfies Record<string, readonly Phrase[]>;

export type ReactionKind = keyof typeof REACTIONS;

/**
 * Spoken variety: the same thought with different lead-ins and tails, so a 30-minute session
 * does not visibly repeat. Applied to everyday lines, never to lures or rumours (kept verbatim).
 */
export const LEAD_INS = ['', '', '', '主播，', '请问', '弱弱问一句，', '想问下，', '那个，'] as const;
export const TAILS = ['', '', '', '', '～', '！', ' 求回复', '…'] as const;
