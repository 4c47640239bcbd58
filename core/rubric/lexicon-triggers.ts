/**
 * Literal triggers per category, in normalised form (lower case, half-width, simplified; evasive
 * spellings are undone by normalise.ts, so only canonical spellings are listed). Structured
 * triggers — numbers, codes, periods — are regular expressions in the detectors.
 */
import { words, type LexEntry } from './matcher.js';

export const TRIGGER_LEXICON: readonly LexEntry[] = [
  ...words(
    'promise_of_returns',
    'sure-profit',
    `
    稳赚|文赚|温赚|吻赚|问赚|稳砖|包赚|必赚|稳挣|稳赢|只赚不亏|只涨不跌|稳涨|必涨|包涨|肯定涨|一定涨|一定会涨|一定能涨|肯定会涨|保证涨|肯定赚|一定赚|一定能赚|保证赚|保证能赚|保证盈利|稳稳赚|躺赚|
    躺着赚|躺着挣|躺着收钱|坐等收钱|闭眼赚|稳拿|稳定盈利|持续盈利|赚钱是板上钉钉|稳稳的幸福|闭着眼睛赚|天天赚|每天都赚|日日赚|一夜暴富|财富自由|赚大钱|发大财|
    get rich|make a fortune
  `,
  ),
  ...words(
    'promise_of_returns',
    'guaranteed-return',
    `
    保收益|保证收益|收益有保障|收益保障|保障收益|承诺收益|收益承诺|保底收益|保底|刚性收益|收益稳定有保证|收益稳|预期收益率|预期收益|预计收益|收益率能达到|收益能达到|带你翻倍|
    翻倍没问题|翻倍不是梦|包翻倍|稳翻倍|回本没问题|收益没问题|收益妥妥|收益跑不了|guaranteed return*|guaranteed profit*|
    guaranteed income|guaranteed gain*|guaranteed yield|guarantee you|guarantees you|we guarantee|
    i guarantee|promise you return*|promise return*|promised return*|promise you profit*|
    locked-in return*|sure thing|sure win|sure-fire|surefire|easy money|can't miss|
    double your money|triple your money|double your investment|will definitely go up|
    will definitely rise|is going to double|guaranteed to go up|guaranteed to rise|
    guaranteed to double|only goes up|expected return of|you will earn|you'll earn|you will make|
    you'll make|you will get rich|make you rich|steady profit*|consistent profit*
  `,
  ),
  ...words(
    'guarantee_of_principal',
    'principal-safe',
    `
    0风险|保本|保本保息|保息|本金安全|本金不会亏|本金没问题|本金亏不了|本金有保障|本金保障|本金无忧|保证本金|本金不会少|本金保得住|本金稳|不会亏本|不会亏钱|不会亏|亏不了|不会赔|
    赔不了|不会亏损|不会有亏损|零风险|无风险|没有风险|没风险|毫无风险|没有任何风险|绝对安全|百分百安全|100%安全|保你不亏|绝不会亏|不可能亏|包赔|亏钱包赔|亏损包赔|不用担心亏|
    不怕亏
  `,
  ),
  ...words(
    'guarantee_of_principal',
    'loss-covered',
    `
    亏了我补|亏了我赔|亏了算我的|亏损我承担|亏了我负责|亏了公司兜底|兜底|刚兑|刚性兑付|亏了公司赔|亏了包赔|亏了全赔|亏损全赔|损失我来补|损失由我们承担
  `,
  ),
  ...words(
    'guarantee_of_principal',
    'deposit-like',
    `
    跟存款一样|和存款一样|跟银行存款一样|和银行存款一样|比存款还安全|比存款安全|跟定期一样|和定期一样|跟存银行一样|存款一样安全
  `,
  ),
  ...words(
    'guarantee_of_principal',
    'principal-safe-en',
    `
    principal protected|principal-protected|capital protected|capital-protected|capital guaranteed|
    principal guaranteed|guaranteed principal|your principal is safe|principal is safe|
    principal is 100%|your money is safe|your capital is safe|risk-free|risk free|riskless|
    zero risk|no risk|can't lose|cannot lose|won't lose|will not lose|will never lose|
    never lose money|impossible to lose|as safe as a deposit|as safe as a bank|as safe as cash|
    safe as houses|100% safe|completely safe|totally safe|absolutely safe|perfectly safe|
    no downside|cover your losses|cover any losses|cover your loss|make up any loss*|we'll cover|
    we will cover|i'll cover|i will cover
  `,
  ),
  ...words(
    'absolute_terms',
    'superlative',
    `
    最强|最安全|最优|最佳|最牛|最专业|最权威|最靠谱|最可靠|最稳|最赚钱|最便宜|最划算|最顶尖|最先进|最厉害|最优秀|最优质|最值得|最有实力|最受欢迎|最懂|最实惠|最领先|
    最低佣金|佣金最低|费率最低|最低费率|收益最高|最高收益|回报最高|最大的券商|最大券商|全网最|史上最|全国最|业内最|行业最|首选|顶级|国家级|金牌|没有之一|独一无二|无与伦比|
    遥遥领先|无敌|天花板|王牌|冠军|至尊|万无一失|百分之百|领导品牌|独家|唯一|行业第一|全国第一|全网第一|排名第一|销量第一|业绩第一|收益第一|同类第一|市场第一|世界第一|
    全球第一|业内第一|亚洲第一|第一名|第一品牌|第一券商|绝对|最好|no.1|no. 1|#1|number one|number-one|the best|best broker|
    best fund|best in|best-in-class|unbeatable|unmatched|unrivalled|unrivaled|second to none|safest|
    strongest|greatest|the only broker|the only platform|the only firm|the only fund|
    the only product|the only one|top-rated|world-class|world class|the top broker|highest return*|
    lowest fees|lowest commission*|cheapest
  `,
  ),
  ...words(
    'past_performance_without_disclaimer',
    'track-record',
    `
    成立以来没亏过|成立以来从没亏过|成立以来从未亏损|从没亏过|从来没亏过|从未亏损|没有亏过|没亏过钱|年年赚钱|每年都赚|每年都是正收益|年年正收益|晒收益|收益截图|晒单|晒一下收益|
    晒截图|战绩|都是赚的|都赚了|都赚钱了|都赚到了|都翻倍了|全都赚|学员都赚|粉丝都赚|never lost money|never had a losing year|
    never had a down year|every year positive|track record|beat the market every year|
    our members made|our clients made|our students made|members made|followers made|
    everyone made money|everybody made money|all made money
  `,
  ),
];
