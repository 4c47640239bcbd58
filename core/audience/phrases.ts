/**
 * Phrase bank for the minimal audience bots: what each persona says in chat, in its own voice.
 *
 * Everything here is fictional. The fraud lures and compliance bait are deliberate: real
 * investor-education streams are flooded with 荐股群 funnels, fake broker apps and viewers pushing
 * the host to say 保本/稳赚, and trainees must learn to recognise and counter them live. So the
 * lures imitate real scam scripts but carry no real phone numbers, URLs, app names or group ids —
 * only obviously fake placeholders ("vx: abc123", "QQ群: 000000", "XX财富Pro") — and stock codes are
 * masked (300xxx).
 *
 * Questions (kind 'question') end with ？ in Chinese and ? in English; chat lines do not.
 */

import type { ChatKind } from '../chat-kinds.js';

export const PERSONA_IDS = [
  'genz_newcomer',
  'retiree',
  'growth_investor',
  'compliance_baiter',
  'fraud_lurer',
  'troll',
  'lurker',
] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

export interface Phrase {
  zh: string;
  en: string;
  kind: ChatKind;
}

const chat = (zh: string, en: string): Phrase => ({ zh, en, kind: 'chat' });
const ask = (zh: string, en: string): Phrase => ({ zh, en, kind: 'question' });
/** Scam funnels, provocations and false rumours: their own kinds, never questions for the host. */
const lure = (zh: string, en: string): Phrase => ({ zh, en, kind: 'lure' });
const troll = (zh: string, en: string): Phrase => ({ zh, en, kind: 'troll' });
const rumour = (zh: string, en: string): Phrase => ({ zh, en, kind: 'rumour' });

export const PHRASES: Record<PersonaId, readonly Phrase[]> = {
  /** 25–30, learns investing from short videos, likes tech and new energy, asks basic questions. */
  genz_newcomer: [
    chat('刷短视频刷进来的，第一次看投教直播', 'Came here from a short video, my first investor-education stream'),
    chat('刚毕业一年，想学点理财知识', 'One year out of uni, want to learn some personal finance'),
    chat('新能源和AI板块我都挺感兴趣的', "I'm really into new energy and AI stocks"),
    chat('主播讲得挺清楚，比短视频里那些靠谱', 'The host explains clearly, more reliable than those short videos'),
    chat('原来“免费荐股”都是套路，涨知识了', 'So "free stock picks" are all a trick, good to know'),
    ask('基金定投到底是什么意思？', 'What does fund dollar-cost averaging actually mean?'),
    ask('ETF和普通基金有什么区别？', "What's the difference between an ETF and a regular fund?"),
    ask('月薪八千，每个月拿多少出来投资比较合适？', 'I earn 8,000 a month, how much should I invest each month?'),
    ask('短视频里说的AI选股软件靠谱吗？', 'Are those AI stock-picking apps from short videos legit?'),
    ask('开户需要准备什么材料？', 'What do I need to open an account?'),
    ask('风险测评是什么，必须做吗？', 'What is the risk questionnaire, do I have to do it?'),
    ask('新能源现在还能上车吗？', 'Is it too late to get into new energy?'),
    ask('怎么分辨一个App是不是正规券商的？', "How can I tell whether an app is a real broker's?"),
    ask(
      '直播间里说“带你赚钱”的人都是骗子吗？',
      'Is everyone in a live stream who says "I\'ll help you make money" a scammer?',
    ),
  ],

  /** Conservative retiree (C1/C2): worries about principal, which is bait for a promise. */
  retiree: [
    chat('我退休好几年了，钱都是养老的', "I've been retired a few years, this money is for my old age"),
    chat('我的风险测评是C2，比较保守', 'My risk rating is C2, quite conservative'),
    chat('老伴说炒股就是赌博，我有点怕', 'My husband says stocks are gambling, I am a bit scared'),
    chat(
      '上次接到个电话说是券商客服，吓我一跳',
      'I got a call claiming to be broker support last time, gave me a fright',
    ),
    chat('谢谢主播，我回去讲给老姐妹听', "Thank you, I'll tell my friends about this"),
    ask('买这个本金会不会亏啊？', 'Could I lose my principal on this?'),
    ask('有没有保本的产品推荐一下？', 'Can you recommend something that protects my principal?'),
    ask('主播你就说句实话，钱放你们这儿安全吗？', 'Tell me honestly, is my money safe with you?'),
    ask('银行存款和基金哪个更稳当？', 'Which is steadier, bank deposits or funds?'),
    ask('C2能买哪些东西？', 'What can I buy with a C2 rating?'),
    ask('每年拿个百分之四五，应该没问题吧？', 'Getting four or five per cent a year should be fine, right?'),
    ask(
      '群里有人说买国债跟存款一样，是真的吗？',
      'Someone in a group said bonds are just like deposits, is that true?',
    ),
    ask(
      '我儿子让我下载个理财App，怎么知道是不是真的？',
      'My son told me to install an investment app, how do I know it is real?',
    ),
    ask(
      '接到自称证监会的电话让我转账，该怎么办？',
      'Someone claiming to be the CSRC called and asked me to transfer money, what should I do?',
    ),
  ],

  /** Growth investor: asks about specific stocks, leverage and options. */
  growth_investor: [
    chat('我去年满仓新能源，回撤有点大', 'I went all-in on new energy last year, the drawdown hurt'),
    chat('讲防骗没意思，来点干货', 'Fraud talk is boring, give us something useful'),
    chat('我两融账户刚开通，准备加点杠杆', 'Just got my margin account, planning to add some leverage'),
    chat('期权玩过一点，亏了不少学费', "I've dabbled in options, paid quite a bit of tuition"),
    ask('代码300xxx明天能买吗？', 'Can I buy 300xxx tomorrow?'),
    ask('那只芯片龙头目标价多少？', "What's the target price for that chip leader?"),
    ask('主播你自己重仓的是哪只？', 'Which stock are you heavily invested in yourself?'),
    ask('两融最多能开几倍杠杆？', 'How much leverage can I get on margin at most?'),
    ask('买认购期权能以小博大吗？', 'Can call options turn a little into a lot?'),
    ask('雪球产品收益高吗，值得买吗？', 'Do snowball products pay well, are they worth it?'),
    ask('新能源板块下半年还能涨吗？', 'Will new energy keep rising in the second half?'),
    ask('科创板那几只要不要止损？', 'Should I cut losses on those STAR Market stocks?'),
    ask('场外配资和两融有什么区别？', "What's the difference between off-exchange leverage and margin trading?"),
  ],

  /** Compliance baiter: pushes the host to say 保本 / 稳赚 / a target price. */
  compliance_baiter: [
    chat('不说保本我可不开户', "I won't open an account unless you say it's principal-protected"),
    chat('别家直播都敢说稳赚不赔，你们怎么不敢', "Other streams dare to say you can't lose, why won't you"),
    chat('说个数嘛，又没人录屏', 'Just give a number, nobody is recording'),
    chat('主播绕来绕去，就是不敢给准话', 'The host keeps dodging, never gives a straight answer'),
    ask('你就说一句，这个保本不？', 'Just say it, is the principal protected or not?'),
    ask('敢不敢说一句稳赚？', 'Dare you say it is a sure win?'),
    ask('给个目标价呗，明年能到多少？', 'Give us a target price, where will it be next year?'),
    ask('你们是不是最好的券商？', 'Are you the best brokerage?'),
    ask('年化到底能拿多少，给个准数？', "What's the annual return exactly, give me a number?"),
    ask('亏了你们给补吗？', 'If I lose money, will you make it up?'),
    ask('跟存款一样安全，对吧？', "It's as safe as a deposit, right?"),
    ask('私下加你微信能多说点吗？', 'Can you say more if I add you on WeChat privately?'),
    ask('现在开户送什么礼品？', 'What gift do I get for opening an account now?'),
  ],

  /** Fraud lurer: posts scam funnels. Fictional placeholders only, never a real contact. */
  fraud_lurer: [
    lure('免费荐股，扣1进群，vx: abc123', 'Free stock picks, type 1 to join, vx: abc123'),
    lure(
      '老师带单，今天群里已经三只涨停，名额有限',
      'Teacher leads trades, three limit-ups in the group today, places limited',
    ),
    lure(
      '内幕消息：明天主力拉升，想要的私我',
      'Insider tip: the big players push it up tomorrow, DM me if you want it',
    ),
    lure(
      '下载XX财富Pro，机构专用通道，打新必中',
      'Download XX Wealth Pro, institutional-only channel, every IPO allotment guaranteed',
    ),
    lure('配资10倍，门槛低，秒到账，vx: abc123', '10x leverage funding, low threshold, instant, vx: abc123'),
    lure('我舅舅在私募，有内部消息，进群免费领', 'My uncle works at a private fund, inside info, free in the group'),
    lure('AI量化信号，胜率95%，QQ群: 000000', 'AI quant signals, 95% win rate, QQ group: 000000'),
    lure('股神直播间每晚八点开课，扣1领课程', 'The stock guru streams nightly at 8, type 1 for the course'),
    lure('跟着我们操作一个月翻倍，亏了全额退款', 'Follow our trades and double in a month, full refund if you lose'),
    lure(
      '官方客服提醒：您的账户异常，请加vx: abc123处理',
      'Official support notice: your account is abnormal, add vx: abc123 to fix it',
    ),
    lure('私募内部认购，只剩3个名额，手慢无', 'Private fund inside subscription, only 3 places left, be quick'),
    lure(
      '这主播讲的都是皮毛，真想赚钱加vx: abc123',
      'This host only scratches the surface, add vx: abc123 if you really want to earn',
    ),
    lure('有想赚快钱的吗？扣1拉你进群？', 'Anyone want fast money? Type 1 and I add you to the group?'),
    lure('想要明天的涨停股吗？私信我领？', "Want tomorrow's limit-up stock? DM me for it?"),
  ],

  /** Troll / skeptic: provokes, and spreads a false rumour about the firm. */
  troll: [
    troll('主播念稿子呢吧，一听就是背的', "The host is just reading a script, you can tell it's memorised"),
    troll('讲这些有啥用，韭菜还是韭菜', "What's the point of all this, suckers stay suckers"),
    troll('券商自己就是割韭菜的，还好意思讲防骗', 'Brokers fleece people themselves, and they lecture us on fraud'),
    rumour(
      '听说这家券商资金链断了，账户马上要被冻结',
      'Heard this broker is out of cash and accounts are about to be frozen',
    ),
    rumour('内部人士说下周就暴雷，赶紧把钱转出来', 'An insider says it blows up next week, move your money out now'),
    troll('12386打了也没人管，都是摆设', '12386 does nothing when you call, it is just for show'),
    troll('又是投教直播，最后肯定要卖产品', 'Another education stream, bet they sell a product at the end'),
    troll('散户就别玩了，玩不过机构的', "Retail investors should give up, you can't beat the institutions"),
    ask('你们敢不敢正面回应资金被冻结的事？', 'Will you dare to address the frozen-funds issue head-on?'),
    ask('主播你自己炒股赚过钱吗？', 'Have you ever made money trading stocks yourself?'),
    ask('说防骗，那你们怎么证明自己不是骗子？', 'You talk about fraud, how do you prove you are not the scammers?'),
    ask('为什么评论区的质疑都被删了？', 'Why are the critical comments being deleted?'),
  ],

  /** Lurker: short greetings only. */
  lurker: [
    chat('来了', 'Here'),
    chat('打卡', 'Checking in'),
    chat('赞', 'Like'),
    chat('主播好', 'Hi host'),
    chat('签到', 'Signed in'),
    chat('学习了', 'Learned something'),
    chat('支持', 'Supporting'),
    chat('围观', 'Watching'),
    chat('感谢分享', 'Thanks for sharing'),
    chat('收到', 'Got it'),
    chat('路过看看', 'Just passing by'),
    chat('大家好', 'Hi all'),
  ],
};
