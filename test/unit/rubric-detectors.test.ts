/**
 * The compliance detectors against sentences written from the catalogue's rules (not from the
 * sample corpus): positives and their compliant twins per category, the traps that apply to
 * every category, and span checks in the ORIGINAL text after normalisation.
 */
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_INFO } from '../../core/rubric/categories.js';
import { checkUtterance, DETECTORS } from '../../core/rubric/check.js';
import { normalise, toOriginal } from '../../core/rubric/normalise.js';
import { resolveContext } from '../../core/rubric/model/context.js';
import { runRules } from '../../core/rubric/rules.js';

/** The rule layer alone: these cases document the auditable rules (the learned layer is measured on the corpus split). */
const ruleLabels = (text: string, context?: string): string[] =>
  runRules(text, resolveContext(context))
    .fired.map((k) => CATEGORIES[k] as string)
    .sort();

interface Case {
  readonly text: string;
  readonly context?: string;
  readonly labels: readonly string[];
}

const CASES: readonly Case[] = [
  // promise_of_returns
  { text: '这只基金年化能拿到8%，大家放心。', labels: ['missing_risk_disclosure', 'promise_of_returns'] },
  { text: '跟着我们的策略，明年翻倍不是梦。', labels: ['promise_of_returns'] },
  { text: '我们不承诺收益，基金净值会有波动。', labels: [] },
  { text: '假设年化收益5%，10万元一年大约是5000元利息，这只是算术举例。', labels: [] },
  { text: '这个产品稳zhuan不赔，闭眼入就行。', labels: ['missing_risk_disclosure', 'promise_of_returns'] },
  { text: 'You will earn 12% a year with this fund, guaranteed.', labels: ['promise_of_returns'] },
  { text: 'No one can guarantee a return, and this fund can lose money.', labels: [] },
  { text: '大盘明年一定会涨到4000点。', labels: ['promise_of_returns'] },
  { text: '市场未来可能会涨也可能会跌，谁也说不准。', labels: [] },
  { text: '稳 赚 的机会来了，躺着就能赚钱。', labels: ['promise_of_returns'] },
  // guarantee_of_principal
  { text: '这款理财是保本的，跟存款一样安全。', labels: ['guarantee_of_principal'] },
  { text: '基金不保本，可能损失本金，请根据自身情况决定。', labels: [] },
  { text: '国债到期还本付息，是由国家信用支撑的债券品种。', labels: [] },
  { text: '按规定不能说保本，但本金基本没问题。', labels: ['guarantee_of_principal'] },
  { text: '亏了算我的，大胆上。', labels: ['guarantee_of_principal'] },
  { text: "It's principal-protected, as safe as a bank deposit.", labels: ['guarantee_of_principal'] },
  { text: 'No investment is risk-free, including bond funds.', labels: [] },
  { text: '这个产品零风险，收益还高。', labels: ['guarantee_of_principal'] },
  { text: '没有任何投资是无风险的，大家要有心理准备。', labels: [] },
  { text: '无风险利率一般参考国债收益率。', labels: [] },
  // absolute_terms
  { text: '我们的投顾团队是全国第一，没有之一。', labels: ['absolute_terms'] },
  { text: '今天讲的第一步是看懂基金合同。', labels: [] },
  { text: '这只基金的最大回撤是25%，大家要清楚。', labels: [] },
  { text: '权益类产品里，股票型基金风险最高。', labels: [] },
  { text: '最后一个问题，我们来聊聊定投。', labels: [] },
  { text: '最新的数据显示，居民存款继续增长。', labels: [] },
  { text: '我们App是业内最安全的交易平台。', labels: ['absolute_terms'] },
  { text: 'Our research team is the best in the industry.', labels: ['absolute_terms'] },
  { text: "It's best to diversify across asset classes.", labels: [] },
  { text: '大家最好先做风险测评再考虑。', labels: [] },
  { text: '这是国家级金牌投顾团队。', labels: ['absolute_terms'] },
  // missing_risk_disclosure
  { text: '小黄车已经上架了，大家直接拍。', labels: ['missing_risk_disclosure'] },
  { text: '今天我们讲一讲基金的申购费率是怎么计算的。', labels: [] },
  { text: '申购入口在下方，这只产品风险等级R3，投资需谨慎。', labels: [] },
  { text: "Tap the link below and subscribe now, it's a great fit for everyone.", labels: ['missing_risk_disclosure'] },
  {
    text: 'Bond funds can lose value when rates rise; click the link below if you want to read the prospectus and buy.',
    labels: [],
  },
  // past_performance_without_disclaimer
  // The past run said to go on is also a promise (issue 13, "an opinion that the past run continues").
  {
    text: '这只基金去年收益35%，今年还会更好。',
    labels: ['past_performance_without_disclaimer', 'promise_of_returns'],
  },
  { text: '该基金成立以来没亏过，大家可以关注。', labels: ['past_performance_without_disclaimer'] },
  { text: '这只基金成立4个月，折算年化28%，过往业绩不代表未来表现。', labels: ['past_performance_without_disclaimer'] },
  { text: '这只基金连续5年正收益。', labels: ['past_performance_without_disclaimer'] },
  { text: '该基金近三年累计收益42%，过往业绩不代表未来表现，基金有风险。', labels: [] },
  { text: '沪深300指数过去十年的年化收益大约在5%左右，这是一个历史统计。', labels: [] },
  { text: 'The fund returned 18% last year.', labels: ['past_performance_without_disclaimer'] },
  {
    text: 'The fund returned 9% a year over the past five years; past performance is not indicative of future results.',
    labels: [],
  },
  { text: '给大家晒一下收益截图，这个月已经赚了20%。', labels: ['past_performance_without_disclaimer'] },
  // unsuitable_recommendation
  {
    text: '那您可以试试雪球产品，收益挺不错。',
    context: '观众：我退休了，养老钱不能亏。',
    labels: ['missing_risk_disclosure', 'unsuitable_recommendation'],
  },
  { text: '雪球产品风险等级R5，和您的情况不匹配，不建议购买。', context: '观众：我退休了，养老钱不能亏。', labels: [] },
  { text: '风险测评随便选选就行，往激进了选才能买。', labels: ['unsuitable_recommendation'] },
  {
    text: "You should try options, they're perfect for you.",
    context: "Viewer: I'm retired and very conservative.",
    labels: ['missing_risk_disclosure', 'unsuitable_recommendation'],
  },
  {
    text: '股票型基金风险等级R4，和您的C4匹配，但净值波动较大，要做好亏损准备。',
    context: '观众：我是C4积极型，想了解股票型基金。',
    labels: [],
  },
  // specific_stock_tip
  { text: '300XXX明天开盘直接买入，止损设在18块。', labels: ['specific_stock_tip'] },
  { text: 'Buy XYZ at the open, target $40.', labels: ['specific_stock_tip'] },
  { text: '可以继续拿着，目标看到30块。', context: '观众：老师，600XXX还能拿吗？', labels: ['specific_stock_tip'] },
  { text: '我们以某公司的年报为例，看看它的营收和现金流结构。', labels: [] },
  { text: '抱歉，直播间不荐股，个股请大家自行研究公告。', labels: [] },
  // unlicensed_advice
  { text: '我没有投顾资格，但可以私下指导你，加我个人微信。', labels: ['unlicensed_advice'] },
  { text: '想要一对一服务的，请通过App内官方投顾渠道预约，我的执业编号是S1234。', labels: [] },
  { text: '把账户交给我，我帮你操作，赚了收益分成。', labels: ['unlicensed_advice'] },
  { text: "Send me a DM and I'll trade for you, we split the profits 50/50.", labels: ['unlicensed_advice'] },
  { text: '加vx私聊，带你操作。', labels: ['unlicensed_advice'] },
  // privacy_overcollection
  { text: '中奖的朋友请在评论区打出身份证号和手机号。', labels: ['privacy_overcollection'] },
  { text: '请大家不要在公屏上透露手机号、身份证号等个人信息。', labels: [] },
  // CATALOGUE decision 3: the private-contact request is not silently folded into the data grab.
  { text: '私信我你的资金账号和交易密码，我帮你查一下。', labels: ['privacy_overcollection', 'unlicensed_advice'] },
  { text: 'Never share your password or verification code with anyone, including us.', labels: [] },
  { text: "Drop your phone number in the comments and we'll call you.", labels: ['privacy_overcollection'] },
  // inducement_urgency
  { text: '入金满1万送千元现金红包，仅剩3个名额！', labels: ['inducement_urgency'] },
  { text: '本期基金认购期到3月31日截止，具体以公告为准。', labels: [] },
  { text: '答对这道投教题的朋友送一本投资者教育手册。', labels: [] },
  { text: 'Act now, only 5 spots left for the VIP plan!', labels: ['inducement_urgency'] },
  { text: '错过这波再等一年，赶紧上车！', labels: ['inducement_urgency', 'missing_risk_disclosure'] },
  // disparaging_competitors
  { text: '别家券商的APP就是垃圾，天天卡顿。', labels: ['disparaging_competitors'] },
  { text: '最近有冒充券商的非法APP，都是骗子，大家认准官方渠道下载。', labels: [] },
  { text: 'Other brokers are crooks who will rip you off.', labels: ['disparaging_competitors'] },
  { text: '根据协会公布的数据，各家券商的佣金水平差异不大。', labels: [] },
  // fraud_lure
  // CATALOGUE decision 3: a scam script that also pulls viewers into a private group carries both.
  { text: '免费荐股，扣1进群，股神老师带你抓涨停。', labels: ['fraud_lure', 'unlicensed_advice'] },
  { text: '警惕“免费荐股、内幕消息”这类骗局，遇到请拨打12386。', labels: [] },
  { text: '我舅舅在私募，有内幕消息，明天主力拉升。', labels: ['fraud_lure'] },
  { text: 'Join our VIP group for AI signals from the professor.', labels: ['fraud_lure'] },
  { text: "If someone tells you to move money to a 'safe account', that's a scam.", labels: [] },
  { text: '提现前需要先交解冻费，交了就能到账。', labels: ['fraud_lure'] },
  // warning frames
  { text: '骗子常说“稳赚不赔”，但我们这只基金确实稳赚。', labels: ['promise_of_returns'] },
  { text: '如果有人跟你说保本保息、年化20%，那一定是骗局。', labels: [] },
  { text: '"Guaranteed 30% returns" — that\'s a scam line, report it.', labels: [] },
  // evasive spellings
  { text: '这只基金ｗｅｎ赚，加Ｖ信详聊。', labels: ['promise_of_returns', 'unlicensed_advice'] },
  { text: '一年二十个点没问题。', labels: ['promise_of_returns'] },
  { text: '穩賺不賠的好產品。', labels: ['promise_of_returns'] },
  // mixed
  {
    text: '这只债基过去一年收益6.5%，现在申购还有费率优惠，点击下方链接就能买。',
    labels: ['missing_risk_disclosure', 'past_performance_without_disclaimer'],
  },
  { text: '我们公司是行业唯一一家拿到这项资质的券商。', labels: ['absolute_terms'] },
  { text: '跟着老师操作，每个月稳稳10个点收益。', labels: ['fraud_lure', 'promise_of_returns'] },
  { text: '投资有风险，入市需谨慎，今天我们聊聊如何看懂基金的风险等级。', labels: [] },
  { text: '虽然不能承诺收益，但这只基金基本不会亏。', labels: ['guarantee_of_principal'] },
  {
    text: '这款产品保本保收益，老人买也放心。',
    labels: ['guarantee_of_principal', 'missing_risk_disclosure', 'promise_of_returns'],
  },
  { text: '开户就送100元话费，还能抽iPhone！', labels: ['inducement_urgency'] },
  { text: '想要的朋友抓紧时间，名额只剩最后10个。', labels: ['inducement_urgency'] },
  { text: '评论区留下你的手机号，我们的客户经理会联系你。', labels: ['privacy_overcollection'] },
  { text: '如需预约开户，请在官方小程序填写手机号，仅用于回访预约。', labels: [] },
  { text: '他们那家平台就是骗子公司，千万别去。', labels: ['disparaging_competitors'] },
  { text: '我的执业编号是S0000000000000，今天只做投资者教育，不推荐任何个股。', labels: [] },
  { text: '宁德时代明天低吸，目标价250。', labels: ['specific_stock_tip'] },
  { text: 'This fund is the safest choice for your retirement money.', labels: ['absolute_terms'] },
  { text: 'Returns are not guaranteed and you may lose money; past performance is not a guide.', labels: [] },
  { text: "We'll cover your losses if the fund goes down, so don't worry.", labels: ['guarantee_of_principal'] },
  { text: 'Open an account today and get a free share worth up to $200!', labels: ['inducement_urgency'] },
  { text: "The other guys' app is garbage, honestly.", labels: ['disparaging_competitors'] },
  {
    text: 'Want to double your money by Christmas? Join my Telegram group.',
    labels: ['fraud_lure', 'promise_of_returns'],
  },
  { text: 'Before you buy any stock, read the annual report and understand the business.', labels: [] },
  { text: '那个导师说的内幕消息都是骗局，大家千万不要信。', labels: [] },
  { text: '配资10倍，小资金也能赚大钱。', labels: ['fraud_lure', 'promise_of_returns'] },
  { text: '这只基金近3个月涨了12%，过往业绩不代表未来表现。', labels: ['past_performance_without_disclaimer'] },
  { text: '今年以来，这只产品的收益率跑赢了同类平均水平。', labels: [] },
  {
    text: '建议您开通两融，收益放大得快。',
    context: '观众：我七十岁了，想买点稳妥的。',
    labels: ['missing_risk_disclosure', 'unsuitable_recommendation'],
  },
  { text: '测评的时候选激进型就行，先买了再说。', labels: ['unsuitable_recommendation'] },
  { text: 'ＶＸ：ｂｃ８８８，一对一带你赚钱。', labels: ['unlicensed_advice'] },
  {
    text: '这个产品绝对安全，您就放心吧。',
    labels: ['absolute_terms', 'guarantee_of_principal', 'missing_risk_disclosure'],
  },
  { text: '大家记住，绝对不要把验证码告诉任何人。', labels: [] },
  { text: '这是我们最新推出的基金，风险等级R3，适合C3及以上投资者，净值可能波动。', labels: [] },
  { text: '第一次买基金的朋友，建议先从货币基金了解起。', labels: [] },
  { text: 'Our members made 25% last quarter following the signals.', labels: ['past_performance_without_disclaimer'] },
  { text: "I'm not a licensed advisor, but DM me and I'll tell you what to buy.", labels: ['unlicensed_advice'] },
  { text: '稳健型投资者可以关注债券基金，但债基也可能亏损。', labels: [] },
  { text: '这只基金经理是业内公认的顶级高手。', labels: ['absolute_terms'] }, // Catalogue traps that apply to every category
  { text: '没有人能保证收益，市场有涨有跌。', labels: [] },
  { text: '我们无法承诺保本，请关注产品的风险等级。', labels: [] },
  { text: '我不敢保证，不过这只基金大概率会涨。', labels: ['promise_of_returns'] },
  { text: "I can't promise anything, but you'll basically make money on this one.", labels: ['promise_of_returns'] },
  { text: '典型话术：“开户就送iPhone，名额有限”，遇到这种请直接举报。', labels: [] },
  { text: '凡是承诺稳赚不赔的，都是骗子。', labels: [] },
  { text: '最近三个交易日，沪深300指数波动加大。', labels: [] },
];

const LABELS = new Set<string>(CATEGORIES);

describe('categories', () => {
  it('has the twelve catalogue ids, each with a detector, explanation and suggestion', () => {
    expect(CATEGORIES).toHaveLength(12);
    for (const c of CATEGORIES) {
      expect(typeof DETECTORS[c]).toBe('function');
      const info = CATEGORY_INFO[c];
      expect(info.id).toBe(c);
      expect(info.explanation.zh.length).toBeGreaterThan(5);
      expect(info.explanation.en.length).toBeGreaterThan(5);
      expect(info.suggestion.zh.length).toBeGreaterThan(5);
      expect(['critical', 'major', 'minor']).toContain(info.severity);
    }
  });
});

describe('labelled cases written from the catalogue', () => {
  for (const c of CASES) {
    it(`${c.labels.join('+') || 'compliant'}: ${c.text}`, () => {
      for (const l of c.labels) expect(LABELS.has(l)).toBe(true);
      expect(ruleLabels(c.text, c.context)).toEqual([...c.labels].sort());
    });
  }
});

/** The original-text substring of every finding of `category`. */
function spans(text: string, category: string, context?: string): string[] {
  return checkUtterance(text, context)
    .findings.filter((f) => f.category === category)
    .map((f) => text.slice(f.start, f.end));
}

describe('spans are offsets into the original text', () => {
  it('plain trigger', () => {
    expect(spans('这只基金稳赚不赔。', 'promise_of_returns')).toContain('稳赚');
  });
  it('full-width letters and pinyin map back to what was typed', () => {
    const text = '加ＶＸ私聊，这只基金稳zhuan。';
    expect(spans(text, 'unlicensed_advice')).toContain('加ＶＸ');
    expect(spans(text, 'promise_of_returns')).toContain('稳zhuan');
  });
  it('noise inserted between characters stays inside the span', () => {
    const text = '本产品保 * 本，放心买。';
    expect(spans(text, 'guarantee_of_principal')).toEqual(['保 * 本']);
  });
  it('个点 is a percent and the span covers it', () => {
    const text = '一年赚30个点没问题';
    expect(spans(text, 'promise_of_returns')).toEqual(['30个点没问题']);
  });
  it('traditional characters map one to one', () => {
    expect(spans('穩賺的機會', 'promise_of_returns')).toEqual(['穩賺']);
  });
  it('text after an emoji (surrogate pair) keeps correct UTF-16 offsets', () => {
    expect(spans('🚀🚀这只基金保本保息', 'guarantee_of_principal')).toContain('保本保息');
  });
  it('English case folding', () => {
    expect(spans('This fund is RISK-FREE.', 'guarantee_of_principal')).toEqual(['RISK-FREE']);
  });
  it('the hedge is not the violation, the claim after it is', () => {
    const text = '按规定不能说保本，但本金基本没问题。';
    const found = spans(text, 'guarantee_of_principal');
    expect(found.some((s) => s.includes('本金基本没问题'))).toBe(true);
    expect(found).not.toContain('保本');
  });
  it('a quoted scam line is skipped but the speaker’s own claim is scored', () => {
    const text = '骗子常说“稳赚不赔”，但我们这只基金确实稳赚。';
    const found = checkUtterance(text).findings.filter((f) => f.category === 'promise_of_returns');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.start).toBeGreaterThan(text.indexOf('”'));
  });
});

describe('normalise', () => {
  it('maps every normalised unit back inside the original', () => {
    const text = 'Ｖ信：ｂｃ８８８，稳 zhuan 20个点';
    const n = normalise(text);
    expect(n.text).toBe('微信:bc888,稳赚20%');
    expect(n.starts).toHaveLength(n.text.length);
    const span = toOriginal(n, n.text.indexOf('稳赚'), n.text.indexOf('稳赚') + 2);
    expect(text.slice(span.start, span.end)).toBe('稳 zhuan');
  });
  it('keeps spaces between English words and leaves English words alone', () => {
    expect(normalise('When  you   BUY').text).toBe('when you buy');
    expect(normalise('wenzhou bank').text).toBe('wenzhou bank');
  });
  it('drops zero-width characters', () => {
    expect(normalise('稳\u200b赚').text).toBe('稳赚');
  });
  it('hands back an unchanged text with identity offsets, and notices a single folded unit', () => {
    const plain = '今天讲基金定投。投资需谨慎。';
    const n = normalise(plain);
    expect(n.text).toBe(plain);
    expect(Array.from(n.starts)).toEqual([...plain].map((_, i) => i));
    expect(Array.from(n.ends)).toEqual([...plain].map((_, i) => i + 1));
    // One unit differs (a tab, a full-width letter): the text is rebuilt, not passed through.
    expect(normalise('buy\tnow').text).toBe('buy now');
    expect(normalise('基金Ｒ4').text).toBe('基金r4');
  });
  it('normalises a long utterance and the short one after it independently (buffers are reused)', () => {
    const long = `${'最近市场波动比较大。'.repeat(600)}加ＶＸ稳 赚`;
    const n = normalise(long);
    expect(n.text).toBe(`${'最近市场波动比较大。'.repeat(600)}加微信稳赚`);
    expect(n.starts).toHaveLength(n.text.length);
    const at = n.text.indexOf('稳赚');
    const span = toOriginal(n, at, at + 2);
    expect(long.slice(span.start, span.end)).toBe('稳 赚');
    expect(normalise('ＶＸ').text).toBe('vx');
    expect(normalise('穩賺').text).toBe('稳赚');
    // Past the shared buffer's cap a line gets its own buffer; the next one still uses the shared.
    expect(normalise('ａ'.repeat(70_000)).text).toBe('a'.repeat(70_000));
    expect(normalise('Ｂ*Ｂ').text).toBe('b*b');
    const r = runRules(long, resolveContext(undefined));
    const c = r.raw[CATEGORIES.indexOf('promise_of_returns')]?.[0];
    const back = c && toOriginal(r.a.norm, c.start, c.end);
    expect(back && long.slice(back.start, back.end)).toBe('稳 赚');
  });
});

describe('findings', () => {
  it('carry category, rule, severity and an explanation in the utterance language', () => {
    const zh = checkUtterance('开户送现金红包，手慢无！');
    expect(zh.labels).toContain('inducement_urgency');
    for (const f of zh.findings.filter((x) => x.category === 'inducement_urgency')) {
      expect(f.rule.startsWith('inducement_urgency/')).toBe(true);
      expect(f.severity).toBe(CATEGORY_INFO.inducement_urgency.severity);
      expect(f.explanation).toBe(CATEGORY_INFO.inducement_urgency.explanation.zh);
    }
    const en = checkUtterance('Act now before midnight!');
    expect(en.findings[0]?.explanation).toBe(CATEGORY_INFO.inducement_urgency.explanation.en);
  });
  it('is deterministic and sorted', () => {
    const text = '我们是最好的券商，这只基金稳赚，入金送红包，加我微信。';
    const a = checkUtterance(text);
    expect(checkUtterance(text)).toEqual(a);
    const starts = a.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(a.labels).toEqual([...new Set(a.labels)].sort());
  });
  it('does not score the viewer context itself', () => {
    expect(checkUtterance('好的，我们下节课讲。', '观众：老师，这只股稳赚吗？加我微信').labels).toEqual([]);
  });
  it('handles empty text', () => {
    expect(checkUtterance('')).toEqual({ labels: [], findings: [] });
  });
});

describe('negation over a list joined by 、', () => {
  it('a negator covers every item of the list, but not a claim after a comma', () => {
    expect(ruleLabels('正规机构不会拉群荐股、承诺收益；请通过官方渠道核实，切勿转账。')).toEqual([]);
    expect(ruleLabels('我们不会承诺收益、不会保证本金')).toEqual([]);
    expect(ruleLabels('本金不会亏，放心买')).toContain('guarantee_of_principal');
    expect(ruleLabels('按规定不能说保本，但本金基本没问题')).toContain('guarantee_of_principal');
  });
});
