/**
 * Structured suitability (适当性, CATALOGUE decision 7): who the viewer is — a risk tolerance read
 * from plain words (age, retirement, no income, fear of loss, first-time investor, money needed
 * soon) or a named class C1–C5 — against how risky the product the host talks about is (R1–R5
 * or its kind: money market … mixed … equity theme … options, leverage, structured notes), and
 * what the host does with the gap: pushes the product, waves it through with a signature, or
 * coaches the questionnaire. A reasoned verdict, not a word list: the learned layer also gets
 * the parts (profile, product level, push, waiver, decline) as features.
 * Pure: regular expressions over the normalised text (lower case, full width folded).
 */
import { anyHit, hitsOf, isFramed, isProhibited, type Analysis, type Candidate } from './analysis.js';

/** C-class named outright: c1 … c5 (保守型 = C1, 谨慎/稳健 = C2, 积极 = C4, 激进 = C5). */
const CLASS_RE =
  /(?:^|[^a-z0-9])c([1-5])(?![0-9])|(保守型|谨慎型|稳健型|积极型|进取型|成长型|激进型|(?:我|比较|很|偏|属于|是)保守|conservative(?! estimate| assumption| side| view)|risk.averse|aggressive (?:investor|profile|type))/g;
const CLASS_WORD: Readonly<Record<string, number>> = {
  保守: 1,
  谨慎: 2,
  稳健: 2,
  积极: 4,
  进取: 4,
  成长: 4,
  激进: 5,
  conservative: 1,
  aggressive: 5,
};
const classWord = (w: string): number => {
  for (const k in CLASS_WORD) if (w.includes(k)) return CLASS_WORD[k] as number;
  return 1;
};

/** Plain words that mean a low tolerance (decision 7): read as C2 at most. */
const PLAIN_LOW = new RegExp(
  [
    // age: 68岁, 七十多了, I'm 72, in her 80s, seniors, 老人家
    '(?:^|[^\\d.])(?:[5-9]\\d|1[01]\\d) ?(?:岁|周岁)',
    '[五六七八九]十[一二三四五六七八九]?多?岁',
    '(?:我|今年|已经|都|妈|爸|奶奶|爷爷|姥姥|外婆|老人)[^，。,.]{0,3}?(?:[6-9]\\d|[六七八九]十[一二三四五六七八九]?) ?(?:了|多|出头)',
    "(?:i'?m|i am|aged|she'?s|he'?s|is|mom is|dad is) (?:[6-9]\\d)\\b",
    'in (?:my|her|his|their) [6-9]0s',
    'senior|elderly|grandm|grandp|奶奶|爷爷|姥姥|外婆|老人|老年|大爷|大妈|老太|年纪大|岁数大|上了年纪|这个年纪|这把年纪',
    // retirement and pensions
    '退休|退了休|养老(?!目标|基金|fof|理财|产品|金融)|社保|低保|retir|pension',
    // no or unstable income
    '没(?:有)?(?:收入|工作|存款|积蓄|上班)|无(?:收入|业)|下岗|失业|被裁|裁员|学生|月光|家庭主妇|全职(?:妈妈|太太)|收入不(?:固定|稳定)|刚够|欠着|房贷|一个人挣钱|钱紧|手头紧|缺钱|身体不好|生病|中风了|单亲|工资刚够',
    "no (?:income|job|savings)|unemployed|student|disability|benefits|out of work|lost my job|don'?t have a job|single mom|paycheck",
    // fear of loss
    '怕亏|怕赔|怕跌|亏不起|输不起|赔不起|不能亏|不想亏|不敢亏|一分都不能|睡不着|担心亏|只能接受保本|求稳|稳一点|稳妥',
    "scared|afraid|nervous|terrified|worried about los|can'?t afford to lose|cannot afford|can'?t lose|hate losing|risk.averse",
    // first time, knows nothing
    '第一次(?:买|投资|理财|炒)|新手|小白|不懂|不太懂|不大懂|看不懂|搞不懂|不明白|没买过|没投资过|没炒过|刚开始(?:投资|理财)',
    "first time|never invested|beginner|new to (?:investing|this)|don'?t understand|no experience",
    // money needed soon or needed for life
    '[一两二三半][年个]?(?:月|年)?(?:后|内)?(?:就)?要用|明年(?:要用|买房|结婚)|首付|学费|看病|救命|应急|急用|全部(?:的)?(?:钱|积蓄|家当)|所有(?:的)?积蓄|就这(?:点|些)钱|全部身家',
    'emergency fund|all (?:my|her|his|i have|the) (?:savings|money)|all i have|need (?:it|the money) (?:in|next|soon)|lump sum|tuition|down payment|medical',
  ].join('|'),
);

/** How risky a product mentioned is, R1…R5 or by its kind. The highest level said counts. */
const LEVELS: readonly [RegExp, number][] = [
  [/(?:^|[^a-z])r([1-5])(?![0-9])/g, 0],
  [
    /期权|期货|杠杆|两融|融资融券|融资|配资|雪球|敲入|敲出|结构化|结构性|收益凭证|衍生|私募|量化对冲|商品期货|虚拟币|比特币|币圈|新三板|分级基金|options?\b|calls\b|puts\b|futures|leverag|\b[23]x\b|margin|autocall|snowball|structured|derivativ|hedge fund|crypto|bitcoin|private fund/g,
    5,
  ],
  [
    /股票型|股票基金|股票多头|偏股|权益类|行业主题|主题基金|行业基金|科技|新能源|半导体|芯片|医药|军工|成长|科创|创业板|中证1000|中证500|指数增强|etf|纳斯达克|纳指|小盘|equity fund|growth fund|tech fund|stock fund|small.cap|nasdaq|emerging/g,
    4,
  ],
  [/混合|可转债|reits?\b|股票|指数基金|mixed|balanced|convertible|index fund|stocks?\b|shares\b/g, 3],
];

/** The host endorsing or enabling a purchase (in Chinese and English). */
const PUSH =
  /推荐|建议|可以|能买|能做|能开|能玩|能投|能上|能配|能放|也能|照样|适合|正好|挺好|不错|没问题|没关系|没事|不影响|放心|直接|买(?:点|一点|个|这|吧|上|着)|配(?:点|一点|这|个|上)|放(?:进去|这|到|一半|我们)|上(?:这|车)|冲|下单|认购|申购|链接|开起来|开通|帮(?:您|你)开|给(?:您|你)(?:开|报|过)|带(?:你|您|着)|教(?:你|您)|玩玩|搏一|拼一|试试|入手|拿(?:一部分|个|点)|全上|梭哈|用上|加杠杆|^(?:对|是的|签|能|行|嗯|好)|就(?:放|买|配|上|做|开|玩|投)|(?:放|买|配|上|做|开|玩|投)[^，。,.]{0,3}吧|跟着(?:买|我)|大家都在买|\buse\b|\bopen\b|absolutely|go with|get into|you need|recommend|should|\btry\b|go for|perfect|ideal|great|\bfine\b|sure|\byes\b|yeah|\bok\b|no problem|no worries|put (?:it|some|all|\w+ in)|\bget (?:her|him|you|into)|\bbuy\b|best shot|i'd put|let me|walk you through|you'll be fine|good to go|\bjust\b|go ahead/;

/** Waving a mismatch through or coaching the questionnaire (needs a suitability setting). */
/**
 * Waving a mismatch through or coaching the questionnaire (needs a suitability setting).
 * Signing or confirming a document is procedure; it is a waiver only when made light of
 * ("签个字就行", "just sign the waiver", "点确认就能买"): WAIVE_DOC needs EASE beside it.
 */
const WAIVE_DOC =
  /签(?:个|一下|了|完)?(?:字|zi|确认|风险|揭示|waiver|一下)|(?:风险|不匹配)?确认书|揭示书|点(?:一下)?确认|我已知晓|\bsign\b|waiver|tick the|^签|签[，,。]/;
const EASE =
  /就行|就可以|就能|就好|就ok|就完事|即可|而已|没问题|没事|不影响|不用管|划过去|直接|随便|走个?形式|大家都|很多人都|好多人|\bjust\b|you're (?:good|in|done)|good to go|that's all|and you can|everyone|no problem|only need|anyway|it's yours|you're set|and done|^签|签[，,。]/;
const WAIVE =
  /提示(?:不用管|不影响)|划过去|跳过(?:测评|问卷|风险)|先空着|后面补|后补|回头再(?:测|补|做)|先买(?:后|再|上|着)|(?:重新测|重测|重做|重新做|重新选|redo|retake|re-?take)[^。.]{0,14}?(?:就能|就可以|就行|选|勾|填|then|and pick|pick|answer|tick|to get)|改成(?:积极|进取|激进|c[3-5])|(?:改|调整)一下(?:测评|问卷|答案|等级|结果)?|往(?:高|激进|进取|积极|aggressive)(?:了|的|点|那边|方向)?(?:写|选|填|勾|申请)?|(?:勾|选)[^，。,.]{0,8}?(?:能接受|较大亏损|最大|最高|最激进|最后|以上|激进|进取)|选[a-d](?![a-z])|选百分之|写十年|绕过去|(?:帮|给)(?:你|您)(?:过|填|调)|教(?:你|您)(?:们)?(?:怎么)?(?:过|填|选|帮)|帮(?:她|他)填|随便(?:选|填|勾)|别(?:老实|如实|照实)|不用(?:太)?认真|不用管等级|不管你是什么等级|框住|(?:测评|等级|提示|问卷)[^，。,.]{0,3}?(?:不影响|不用管|不重要|无所谓)|bump you up|say you have|answer like|pick the (?:aggressive|highest)|aggressive answers|大家都(?:是)?这么(?:操作|弄|签|买|做)|很多人都(?:这样|这么|签)|好多人都这样|都这么签|everyone (?:signs|does it|here does)|does it anyway|between us|anyone can buy/;

/** Words that set the scene for WAIVE: a questionnaire, a class, a level, a mismatch. */
const SETTING =
  /测评|评测|问卷|问juan|评估|风险等级|等级|适当性|不匹配|超等级|c[1-5]|r[1-5]|保守|稳健|谨慎|积极型|激进型|profile|questionnaire|assessment|suitab|risk (?:test|form|level|profile|check)|conservative|aggressive|waiver|mismatch/;
/** A bare yes (decision 8): carries what the viewer asked for. */
const BARE_YES = /^(?:对|是的?|可以|能|行|没问题|签|当然|好的?|嗯|yes|yeah|sure|ok|of course|absolutely|correct|right)/;

/** A clause that declines or warns (the host states the mismatch); a later 但/but can undo it. */
const DECLINE =
  /只适合|仅适合|only suit|only for|won'?t (?:give|recommend|sell)|may not recommend|not (?:recommend|give)|不(?:太|大|是很|怎么)?(?:适合|合适)|慎重|买不了|不能碰|(?:先|建议)(?:去)?(?:看看|做|了解|学|问)|(?:测评|评估)再说|(?:看看|考虑|选|放|买|了解)[^，。,.比]{0,5}?(?:低风险|r1|r2|货币|国债|存款|短债|纯债|定期|low.risk)|not a match|should stay|以上的?投资|及以上|and above|or above|not for|(?:your|您|你)(?:自己)?的? ?(?:own )?(?:decision|call|决定|选择)|low.risk|不适合|不建议|不推荐|不匹配(?!确认|的确认|告知|提示书|书)|不能(?:买|推荐|推|做|帮|给)|不可以(?:买|做)|不该|别(?:买|碰|做)|不要(?:买|碰|做)|先别|超出|不符合|风险(?:很高|太高|较高|最高)|更适合|还是(?:选|买|看)?(?:货币|国债|存款|纯债)|先(?:了解|学)|not suitable|unsuitable|(?:don'?t|do not|wouldn'?t|would not|can'?t|cannot) (?:recommend|sell|help|put|let)|not a good fit|too risky|mismatch|not allowed|not supposed|not for you|stick (?:with|to)/;
/** Every CONTRAST form contains one of these (a cheap necessary test before undone()). */
const CONTRAST_GATE = /但|不过|可是|然而|but|however|though/;
const CONTRAST = /但(?:是)?|不过|可是|然而|\bbut\b|\bhowever\b|though/g;
const NEG_BEFORE =
  /(?:不能|不会|不要|不可以|别|禁止|切勿|千万别|不得|不用|don'?t|never|can'?t|won'?t|not|no one should)\s?$/;

export interface Suitability {
  /** Lowest tolerance read (1–5) and whether it came from plain words only. */
  readonly tolerance: number | undefined;
  readonly plain: boolean;
  /** Highest product level in the host's line (or, for a bare reply, in the turn it answers). */
  readonly level: number;
  readonly push: boolean;
  readonly waive: boolean;
  readonly declined: boolean;
  readonly candidates: Candidate[];
}

function toleranceOf(t: string): { tol: number | undefined; plain: boolean } {
  let tol: number | undefined;
  CLASS_RE.lastIndex = 0;
  for (let m = CLASS_RE.exec(t); m !== null; m = CLASS_RE.exec(t)) {
    const v = m[1] !== undefined ? Number(m[1]) : classWord(m[2] ?? '');
    tol = Math.min(tol ?? 5, v);
  }
  const plain = PLAIN_LOW.test(t);
  if (plain) return { tol: Math.min(tol ?? 5, 2), plain: tol === undefined || tol > 2 };
  return { tol, plain: false };
}

interface LevelHit {
  readonly level: number;
  readonly explicit: boolean;
  /** Read from the turn answered, not the host's own line. */
  readonly borrowed?: boolean;
  readonly start: number;
  readonly end: number;
}

function levelOf(t: string): LevelHit | undefined {
  let best: LevelHit | undefined;
  for (const [re, fixed] of LEVELS) {
    // An explicit R-level said by the host is the product's level: its kind adds nothing.
    if (fixed !== 0 && best !== undefined && LEVELS[0] !== undefined && best.explicit) break;
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const level = fixed === 0 ? Number(m[1]) : fixed;
      // A product named right after a negator or prohibition (不要碰期权, never use margin) is not pushed.
      if (NEG_BEFORE.test(t.slice(Math.max(0, m.index - 5), m.index))) continue;
      if (best === undefined || level > best.level)
        best = { level, start: m.index, end: m.index + m[0].length, explicit: fixed === 0 };
    }
  }
  return best;
}

/** Whether the line declines the mismatch for good: a decline not undone by a later 但 + push. */
function declines(t: string): boolean {
  const d = DECLINE.exec(t);
  if (d === null) return false;
  CONTRAST.lastIndex = d.index + d[0].length;
  const c = CONTRAST.exec(t);
  if (c === null) return true;
  const after = t.slice(c.index + c[0].length);
  return !(PUSH.test(after) || WAIVE.test(after)) || DECLINE.test(after);
}

/** Cheap necessary words for a suitability reading of a line heard on its own. */
const SUIT_GATE =
  /r[1-5]|c[1-5]|测|问卷|签|确认|揭示|等级|适当|型|混合|股票|基金|债|期|雪球|etf|私募|杠杆|两融|结构|凭证|选|勾|填|写|改|过|帮|教|大家都|很多人|好多人|随便|框住|sign|waiver|tick|redo|retake|questionnaire|profile|aggressive|conservative|fund|stock|option|margin|lever|crypto|note|everyone|between us|anyone/;
const NONE: Suitability = {
  tolerance: undefined,
  plain: false,
  level: 0,
  push: false,
  waive: false,
  declined: false,
  candidates: [],
};

export function assessSuitability(a: Analysis, host: string | undefined): Suitability {
  const t = a.text;
  const viewer = a.context?.text;
  const before =
    host === undefined ? viewer : viewer === undefined ? host.toLowerCase() : `${viewer}\n${host.toLowerCase()}`;
  // A line with no turn before it and nothing about products, classes or the questionnaire has
  // no suitability question (most scored lines): skip the profile regexes (scoring throughput).
  if (before === undefined && !anyHit(a, 'highRisk') && !anyHit(a, 'lowProfile') && !SUIT_GATE.test(t)) return NONE;
  const own = toleranceOf(t);
  const ctx = before !== undefined ? toleranceOf(before) : { tol: undefined, plain: false };
  const tolerance = own.tol === undefined ? ctx.tol : ctx.tol === undefined ? own.tol : Math.min(own.tol, ctx.tol);
  const plain = tolerance !== undefined && (own.tol === tolerance ? own.plain : ctx.plain);
  let lv = levelOf(t);
  // A reply that names no product ("可以的", "Sure, a small position is fine") endorses the one
  // named in the turn it answers.
  if (lv === undefined && before !== undefined) {
    const b = levelOf(before);
    if (b !== undefined) lv = { level: b.level, start: 0, end: t.length, explicit: b.explicit, borrowed: true };
  }
  const level = lv?.level ?? 0;
  // Push and decline only matter where the product is above the tolerance (flags and verdict).
  const mismatch = tolerance !== undefined && level > tolerance;
  const declined = mismatch && (declines(t) || anyHit(a, 'refuse'));
  const push = mismatch && PUSH.test(t);
  const candidates: Candidate[] = [];
  // Coaching the questionnaire or waving a mismatch through, said in the host's own voice.
  let waive = false;
  let w = WAIVE.exec(t);
  if (w === null) {
    const d = WAIVE_DOC.exec(t);
    if (d !== null && EASE.test(t.slice(Math.max(0, d.index - 10), d.index + d[0].length + 20))) w = d;
  }
  if (w !== null) {
    const inVoice =
      !isFramed(a, w.index, w.index + w[0].length) &&
      !isProhibited(a, w.index) &&
      !NEG_BEFORE.test(t.slice(Math.max(0, w.index - 5), w.index));
    const setting =
      SETTING.test(t) ||
      (before !== undefined && SETTING.test(before)) ||
      tolerance !== undefined ||
      (lv !== undefined && lv.borrowed !== true && level >= 4);
    if (inVoice && setting && !declinesWaiver(t, w.index)) {
      waive = true;
      candidates.push({ start: w.index, end: w.index + w[0].length, rule: 'waiver-or-coaching' });
    }
  }
  // A bare yes to a viewer who asks to be coached through the questionnaire (decision 8).
  if (
    !waive &&
    viewer !== undefined &&
    t.length <= 12 &&
    BARE_YES.test(t) &&
    WAIVE.test(viewer) &&
    SETTING.test(viewer)
  ) {
    waive = true;
    candidates.push({ start: 0, end: t.length, rule: 'yes-to-coaching' });
  }
  // "按规定不适合…但…买点也没啥": the decline said for the record, then undone.
  if (!waive && CONTRAST_GATE.test(t) && undone(t) && (SETTING.test(t) || tolerance !== undefined))
    candidates.push({ start: 0, end: t.length, rule: 'decline-then-push' });
  if (tolerance !== undefined && lv !== undefined && level > tolerance && push && !declined) {
    if (!isFramed(a, lv.start, lv.end) && !isProhibited(a, lv.start) && hitsOf(a, 'prohibit').length === 0)
      candidates.push({ start: lv.start, end: lv.end, rule: 'above-risk-tolerance' });
  }
  return { tolerance, plain, level, push, waive, declined, candidates };
}

function undone(t: string): boolean {
  const d = DECLINE.exec(t);
  if (d === null) return false;
  CONTRAST.lastIndex = d.index + d[0].length;
  const c = CONTRAST.exec(t);
  if (c === null) return false;
  const after = t.slice(c.index + c[0].length);
  return (PUSH.test(after) || WAIVE.test(after)) && !DECLINE.test(after) && !/风险|risk|亏|los/.test(after);
}

/** "我们不能帮你改测评": the waiver is itself refused when a decline covers it with no contrast after. */
function declinesWaiver(t: string, at: number): boolean {
  const d = DECLINE.exec(t);
  if (d === null || d.index > at) return false;
  CONTRAST.lastIndex = d.index;
  const c = CONTRAST.exec(t);
  return c === null || c.index > at;
}

/** Unit features for the learned layer (ids are stable: they are hashed into the model). */
export function suitabilityFlags(s: Suitability): number[] {
  const out: number[] = [];
  if (s.tolerance !== undefined) out.push(s.tolerance <= 2 ? 0 : 1);
  if (s.plain) out.push(2);
  if (s.level >= 4) out.push(3);
  else if (s.level === 3) out.push(4);
  if (s.tolerance !== undefined && s.level > s.tolerance) {
    out.push(5);
    if (s.push) out.push(6);
    if (s.declined) out.push(7);
  }
  if (s.waive) out.push(8);
  if (s.candidates.length > 0) out.push(9);
  return out;
}
