/**
 * The twelve utterance-level compliance categories (../shared/compliance/CATALOGUE.md). The ids
 * are fixed: `branchcast check`, rubric files and recordings all use exactly these strings.
 */

export const CATEGORIES = [
  'promise_of_returns',
  'guarantee_of_principal',
  'absolute_terms',
  'missing_risk_disclosure',
  'past_performance_without_disclaimer',
  'unsuitable_recommendation',
  'specific_stock_tip',
  'unlicensed_advice',
  'privacy_overcollection',
  'inducement_urgency',
  'disparaging_competitors',
  'fraud_lure',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface CategoryInfo {
  readonly id: Category;
  readonly name: Bilingual;
  /** The rule(s) the category comes from, as cited in the catalogue. */
  readonly source: string;
  readonly severity: Severity;
  /** One line a trainee understands: why this is a problem. */
  readonly explanation: Bilingual;
  /** What to say instead. */
  readonly suggestion: Bilingual;
}

export const CATEGORY_INFO: { readonly [K in Category]: CategoryInfo & { readonly id: K } } = {
  promise_of_returns: {
    id: 'promise_of_returns',
    name: { zh: '承诺或预测收益', en: 'Promise of returns' },
    source: '证券投资顾问业务暂行规定 第19条；公募基金销售规定；广告法 第25条；FINRA 2210(d)(1)',
    severity: 'critical',
    explanation: {
      zh: '任何投资都不能承诺或预测收益，说“稳赚”“一定涨”会误导观众低估风险。',
      en: 'No investment may promise or forecast a return; "sure profit" talk makes viewers ignore the risk.',
    },
    suggestion: {
      zh: '改说：“投资有风险，收益不确定，我们只讲它的投资逻辑和可能的波动。”',
      en: 'Say instead: "Returns are not guaranteed; let\'s look at how it invests and how much it can swing."',
    },
  },
  guarantee_of_principal: {
    id: 'guarantee_of_principal',
    name: { zh: '保本或无风险表述', en: 'Guarantee of principal' },
    source: '广告法 第25条；基金销售规定（不得承诺本金不受损失）；证券业从业人员执业行为准则',
    severity: 'critical',
    explanation: {
      zh: '除法定保本情形外，不得说本金不会亏、零风险或亏了兜底。',
      en: 'Unless a product is legally capital-protected, never say the principal is safe, risk-free or covered.',
    },
    suggestion: {
      zh: '改说：“这个产品不保本，净值会波动，可能亏损本金。”',
      en: 'Say instead: "This product is not capital-protected; its value can fall and you can lose money."',
    },
  },
  absolute_terms: {
    id: 'absolute_terms',
    name: { zh: '绝对化用语', en: 'Absolute terms' },
    source: '广告法 第9条第3项；基金宣传推介规定（禁用“最好”“最强”等）',
    severity: 'minor',
    explanation: {
      zh: '“最好”“第一”“唯一”等绝对化用语在金融宣传中被禁止，也无法被证实。',
      en: '"Best", "number one" or "only" are banned in financial promotion and cannot be substantiated.',
    },
    suggestion: {
      zh: '改用可核实的客观描述，并注明数据来源和时间。',
      en: 'Use a verifiable, sourced, dated fact instead of a superlative.',
    },
  },
  missing_risk_disclosure: {
    id: 'missing_risk_disclosure',
    name: { zh: '推介未揭示风险', en: 'Missing risk disclosure' },
    source: '广告法 第25条；基金宣传推介规定；直播业务指引（屏幕展示风险等级和适合投资者）',
    severity: 'major',
    explanation: {
      zh: '介绍产品或引导购买时必须同时提示风险等级和可能亏损。',
      en: 'Whenever you pitch a product or invite a purchase, the risk must be stated alongside it.',
    },
    suggestion: {
      zh: '补充：“该产品风险等级【风险等级】，适合【适合投资者】，基金有风险，投资需谨慎。”',
      en: 'Add: "Risk level [risk level], for [suitable investors]; you can lose money, invest with care."',
    },
  },
  past_performance_without_disclaimer: {
    id: 'past_performance_without_disclaimer',
    name: { zh: '展示过往业绩不当', en: 'Past performance without disclaimer' },
    source: '基金销售行为规范（需提示过往业绩不代表未来；期间不少于6个月；不满1年不得年化；不得挑选期间）；FINRA',
    severity: 'major',
    explanation: {
      zh: '引用业绩必须完整、公平并提示“过往业绩不代表未来表现”，不足6个月的业绩或短期年化一律不得展示。',
      en: 'Cited returns must be full-period, fair and carry the disclaimer; short or annualised short periods are never allowed.',
    },
    suggestion: {
      zh: '改说：“该基金近五年各年度业绩见屏幕，过往业绩不代表未来表现。”',
      en: 'Say instead: "Here are the full calendar-year returns; past performance does not predict future results."',
    },
  },
  unsuitable_recommendation: {
    id: 'unsuitable_recommendation',
    name: { zh: '适当性不匹配', en: 'Unsuitable recommendation' },
    source: '证券期货投资者适当性管理办法（C1–C5 对应 R1–R5；C1 为最低风险等级）',
    severity: 'critical',
    explanation: {
      zh: '产品风险等级必须与观众的风险承受能力匹配，不能绕过或诱导篡改风险测评。',
      en: "A product's risk level must match the viewer's risk tolerance; never bypass or game the questionnaire.",
    },
    suggestion: {
      zh: '改说：“这个产品风险等级高于您的测评结果，不建议购买，可以先了解低风险的产品。”',
      en: 'Say instead: "This product is above your risk level, so I can\'t recommend it; let\'s look at lower-risk options."',
    },
  },
  specific_stock_tip: {
    id: 'specific_stock_tip',
    name: { zh: '直播荐股', en: 'Specific stock tip' },
    source: '证券投资顾问业务暂行规定；监管对直播荐股的禁令',
    severity: 'critical',
    explanation: {
      zh: '公开直播中不得对具体股票给出买卖、持有、目标价或止损建议。',
      en: 'A public stream must never tell viewers to buy, sell or hold a named security, or give a target price.',
    },
    suggestion: {
      zh: '改说：“直播间不对个股给买卖建议，大家可以关注公司公告和定期报告。”',
      en: 'Say instead: "I can\'t give calls on individual stocks here; read the company\'s filings."',
    },
  },
  unlicensed_advice: {
    id: 'unlicensed_advice',
    name: { zh: '违规私下投顾', en: 'Unlicensed advice' },
    source: '投资顾问执业资格规定；费用只能通过公司收取；亮牌执业',
    severity: 'critical',
    explanation: {
      zh: '不得引导私下联系、代客操作、收益分成或收取个人费用，投顾服务只能走公司官方渠道。',
      en: 'No private contact, trading for clients, profit splits or personal fees: advice goes only through the firm.',
    },
    suggestion: {
      zh: '改说：“需要投顾服务请通过App内官方投顾渠道，我的执业编号在屏幕下方。”',
      en: 'Say instead: "For advice, use the official advisor channel in the app; my registration number is on screen."',
    },
  },
  privacy_overcollection: {
    id: 'privacy_overcollection',
    name: { zh: '过度收集个人信息', en: 'Privacy over-collection' },
    source: '个人信息保护法 第6、17、28条',
    severity: 'critical',
    explanation: {
      zh: '不得让观众在公屏或私信中提供手机号、身份证、银行卡、账号密码或验证码。',
      en: 'Never ask viewers to post phone, ID, card or account numbers, passwords or codes in chat or DMs.',
    },
    suggestion: {
      zh: '改说：“请不要在评论区透露任何个人信息，登记请走官方表单。”',
      en: 'Say instead: "Please don\'t share personal details in chat; use the official form if needed."',
    },
  },
  inducement_urgency: {
    id: 'inducement_urgency',
    name: { zh: '利益诱导或制造紧迫', en: 'Inducement or urgency' },
    source: '证券期货经营机构及其工作人员廉洁从业规定；基金销售规定；私募推介禁令（欲购从速）',
    severity: 'major',
    explanation: {
      zh: '不得以礼品、红包、返佣诱导开户或购买，也不得用“仅剩”“限时”制造紧迫感。',
      en: 'No gifts, cash or rebates for opening or buying, and no "only N left / act now" pressure.',
    },
    suggestion: {
      zh: '改说：“请根据自己的风险承受能力慢慢考虑，不必急于决定。”',
      en: 'Say instead: "Take your time and decide based on your own risk tolerance."',
    },
  },
  disparaging_competitors: {
    id: 'disparaging_competitors',
    name: { zh: '贬低同业', en: 'Disparaging competitors' },
    source: '证券业从业人员执业行为准则；基金宣传推介规定',
    severity: 'minor',
    explanation: {
      zh: '不得贬低、诋毁其他机构或同行，比较须客观并注明来源。',
      en: 'Do not run down other firms; comparisons must be objective and sourced.',
    },
    suggestion: {
      zh: '改说：“各家机构各有特点，大家可以对比公开披露的信息自行判断。”',
      en: 'Say instead: "Every firm has its strengths; compare their published information yourself."',
    },
  },
  fraud_lure: {
    id: 'fraud_lure',
    name: { zh: '诈骗诱导话术', en: 'Fraud lure' },
    source: '证监会关于非法荐股直播的风险提示；防非宣传；假冒券商公告',
    severity: 'critical',
    explanation: {
      zh: '“老师带单”“内幕消息”“扣1进群”等是典型诈骗话术，主播绝不能说出类似的话。',
      en: '"Professor signals", "insider tips" and "join our group" are scam scripts a host must never echo.',
    },
    suggestion: {
      zh: '改说：“凡是拉群荐股、承诺内幕消息的都是骗局，请拨打12386或查询官网核实。”',
      en: 'Say instead: "Anyone offering insider tips or group signals is a scam; verify on the official site."',
    },
  },
};

/**
 * A suggestion with the scenario's own product facts filled in (issue 13 pt 5): the risk level
 * and the matching investor class when known, otherwise the visible placeholders stay. Never a
 * made-up figure.
 */
export function suggestionWith(category: Category, risk: string | undefined): Bilingual {
  const base = CATEGORY_INFO[category].suggestion;
  const m = risk !== undefined ? /^R([1-5])$/.exec(risk) : null;
  if (m === null) return base;
  const cls = `C${m[1]}`;
  return {
    zh: base.zh.replace('【风险等级】', risk as string).replace('【适合投资者】', `${cls}及以上投资者`),
    en: base.en.replace('[risk level]', risk as string).replace('[suitable investors]', `${cls} investors and above`),
  };
}
