/**
 * Cue words: not violations themselves, but what the detectors need to tell a violation from its
 * compliant twin (negation, warning frames, disclosures, the viewer's profile…). Patterns are in
 * normalised form: lower case, half-width, simplified.
 */
import { words, type LexEntry } from './matcher.js';

export const CUE_LEXICON: readonly LexEntry[] = [
  // Negators in a window before a claim. "不会" is deliberately absent: 本金不会亏 is a claim.
  ...words(
    'neg',
    'neg',
    `
    不能|无法|没法|不可能|不敢|不会去|不承诺|不保证|不得|禁止|严禁|不允许|不可以|没有人能|没人能|没有人可以|谁也不能|谁都不能|谁也没法|谁都没法|任何人都不能|不代表|并不代表|
    不等于|不意味着|不一定|未必|不见得|并不|绝不|从不|从来不|不要相信|别相信|不要信|别信|不存在|没有任何|没有哪个|没有哪只|哪有|不要说|别说|不要|别急着|不建议|打破|不再|不会让你|不会要你|不会要求你|不会和你|不会跟你|不会拿|不会用|不会催|不催|不会向你|不会拉|不会推荐|不会荐|不会承诺|不会保证|不会索要|不会收取|不会私下|不会要求|
    不是所有|并非所有|我没说|没说过|谁跟你说|谁说|not all|never said|不会说|不会讲|从不说|不敢说|不是说|我们不说|不会跟大家说|won't say|never say|wouldn't say|盲目|no one can|nobody can|no one|nobody|no investment|nothing is|can't|cannot|can not|won't|
    don't|do not|doesn't|does not|never|not|isn't|aren't|no such thing|there's no|there is no|
    without any|impossible to
  `,
  ),
  ...words(
    'neg1',
    'neg1',
    `
    不|非|没|无|没有|不是|并非|绝非|不算|谈不上|称不上|不属于|no|not|non-|non
  `,
  ),
  ...words(
    'negpost',
    'negpost',
    `
    ❌|✗|✘|是不可能|不可能的|不存在|是违规|违规的|是假的|骗人的|是骗局|都是骗|不可信|不靠谱|是谎言|是虚假|是夸大|不能信|是违法|是红线|不能说|都不能说|说不得|is a myth|
    is a lie|is a red flag|is a scam|doesn't exist|does not exist|is illegal|is not allowed|
    are not allowed|are a red flag|is false|are false
  `,
  ),
  ...words(
    'frameIntro',
    'frame',
    `
    骗子一般会说|骗子通常会说|骗子往往会说|骗子一般说|骗子常说|骗子会说|骗子说|骗子总说|骗子爱说|如果有人跟你说|如果有人对你说|如果有人说|要是有人说|要是有人跟你说|有人会说|有人跟你说|有人对你说|听到有人说|凡是说|凡是跟你说|
    some folks say|some folks|will tell you|people will tell you|有人说|有朋友说|有粉丝说|有网友说|有观众说|网上说|网传|所谓|很多人误以为|很多人以为|有人觉得|有人讲|some say|people say|some people say|you may have heard|凡是宣称|凡是承诺|凡是号称|典型话术|常见话术|诈骗话术|骗局话术|违规话术|错误示范|反面例子|反面案例|举个反例|像这种说|诸如|不要相信|别相信|千万别信|千万不要相信|不要轻信|
    警惕|谨防|小心|当心|提防|防范|识别|识破|有朋友问|还有朋友问|也有朋友问|有观众问|有人问|有网友问|someone asks|someone asked|a viewer asks|some of you want me to|you want me to|scammers say|scammers will say|scammers often say|a scammer|
    if someone tells you|if anyone tells you|if someone says|if anyone says|if someone promises|
    if anyone promises|anyone who promises|anyone promising|anyone who says|someone may say|
    someone might say|beware of|watch out for|don't believe|do not believe|never believe|
    don't trust|never trust|be wary of
  `,
  ),
  ...words(
    'frameTrail',
    'frame',
    `
    that was wrong|i take it back|i'm correcting|我收回|是不对的|这个话不对|说法不对|是不严谨的|不严谨|would be a lie|that's wrong|是违规的|本身就是违规|就是违规|是传言|的传言|是谣言|没有依据|说法是错的|这句话我收回|我收回|别听|是不存在的|谁也不知道|谁都不知道|凭什么|是骗局|是骗子|都是骗|请远离|不受法律保护|本身就违法|就是违法|是诈骗|是典型|典型的|话术|是非法|是套路|是陷阱|是坑|骗人的|别信|不要信|千万别信|请举报|快举报|向12386举报|that's a scam|
    that is a scam|is a scam|are scams|is a red flag|are red flags|it's a scam|is fraud|it's fraud|
    classic scam|scam script
  `,
  ),
  ...words(
    'warn',
    'warn',
    `
    警惕|谨防|小心|当心|提防|防范|识别|识破|举报|12386|骗子|骗局|诈骗|非法|冒充|假冒|不要相信|别相信|千万别|千万不要|切勿|防骗|反诈|上当|受骗|套路|话术|官网|核实|
    报警|scam|fraud|beware|report|red flag|impostor|impersonat*|don't trust|never trust|
    don't fall for|warning
  `,
  ),
  ...words(
    'contrast',
    'contrast',
    `
    但|但是|不过|可是|然而|只是|只不过|反正|其实|事实上|实际上|but|however|though|still|actually|in fact
  `,
  ),
  ...words(
    'softClaim',
    'soft',
    `
    从来没有亏|从来没亏|从来没让|没出过|基本不可能|never loses|never lost|放宽心|没问题|没事|放心|稳|安全|不会亏|亏不了|不会赔|赚|涨|收益|保住|跑不了|妥妥|基本|大概率|肯定|翻倍|盈利|回本|fine|safe|make money|won't lose|
    will not lose|you will be ok|you'll be fine|basically|profit*|earn*|go up|pretty sure|
    always make
  `,
  ),
  ...words(
    'risk',
    'risk',
    `
    风险|可能亏|可能会亏|可能损失|会有亏损|有亏损|亏损的可能|不保本|非保本|净值波动|净值会波动|波动|回撤|谨慎|不代表未来|过往业绩不|历史业绩不|本金损失|损失本金|量力而行|
    理性投资|不构成投资建议|适当性|承受能力|适合c|r1|r2|r3|r4|r5|risk*|may lose|could lose|can lose|might lose|
    lose value|lose money|loss*|volatil*|not guaranteed|past performance|not investment advice|
    suitab*|drawdown
  `,
  ),
  ...words(
    'disclaimer',
    'disclaimer',
    `
    过往业绩不代表|过往业绩不预示|过往业绩并不代表|历史业绩不代表|历史业绩不预示|过去的业绩不代表|过去业绩不代表|过去不代表未来|业绩不代表未来|不代表未来表现|不预示未来|不代表未来|
    past performance is not|past performance does not|past performance doesn't|
    past performance is no|past results are not|past results do not|past results don't|
    not indicative of future|no guarantee of future|not a guarantee of future|
    not a reliable indicator
  `,
  ),
  ...words(
    'pitch',
    'pitch',
    `
    点链接|点击链接|下方链接|点下方|点击下方|小黄车|上车|闭眼买|闭眼入|跟着买|赶紧买|抓紧买|马上买|立即购买|立即买|直接买|可以买|放心买|大胆买|买它|入手|值得买|值得入手|
    值得配置|建议配置|可以配置|配置一些|配置一点|配置上|重仓买入|可以重仓|建议重仓|重仓它|重仓这|抢购|购买入口|申购入口|认购入口|下单|一键购买|扫码购买|冲它|上车吧|加仓|很适合|可以试试|建议您开通|建议你开通|建议您配置|建议你配置|建议大家买|建议大家配置|可以开通|试试这|推荐你|推荐您|建议您买|建议你买|可以考虑买|可以入|非常适合|特别适合|适合你|适合大家|
    强烈推荐|推荐大家买|推荐买|值得拥有|click the link|tap the link|link below|buy now|buy it|buy this|buy the|
    buy our|buy into|subscribe now|subscribe today|subscribe here|invest now|invest today|
    get in now|add it to your|add this to your|load up|you should buy|i recommend buying|grab some|
    must-buy|you should try|give it a try|worth buying|must buy|perfect for you|great fit for|highly recommend
  `,
  ),
  // Words that are only a call to buy next to a marker (申购费率 is teaching; 点击申购 is a call).
  ...words(
    'pitch',
    'weak',
    `
    认购|申购|购买|买入|配置|买
  `,
  ),
  ...words(
    'pitchMarker',
    'marker',
    `
    点击|点这|点一下|点进|点开|链接|入口|下方|左下角|右下角|就能|就可以|可以直接|马上|立即|赶紧|抓紧|欢迎|一键|感兴趣的|想买的|需要的|有意向|大家可以|快去|
    快来
  `,
  ),
  ...words(
    'product',
    'product',
    `
    基金|理财|产品|期权|雪球|两融|融资融券|债券|债基|可转债|etf|私募|信托|结构性存款|资管|组合|专户|保险|年金|fund|product|portfolio|etf|bond|
    note
  `,
  ),
  ...words(
    'reassure',
    'reassure',
    `
    放心|安心|闭眼|尽管买|大胆
  `,
  ),
  ...words(
    'lowProfile',
    'profile',
    `
    退休|养老|老年|老人|保守|稳健型|谨慎型|保守型|c1|c2|不能亏|亏不起|输不起|不想亏|一分都不能亏|养老钱|救命钱|看病钱|学费|风险承受能力低|风险承受能力弱|承受能力很低|
    低风险偏好|只能接受低风险|没有收入|不懂投资|第一次投资|稳妥|求稳|稳一点|不想冒险|保值|退休金|老年人|六十岁|七十岁|八十岁|
    60岁|70岁|80岁|六十多|七十多|retire*|pension|conservative|can't afford to lose|
    cannot afford to lose|risk-averse|risk averse|low risk tolerance|elderly|can't lose|cannot lose
  `,
  ),
  ...words(
    'highRisk',
    'highRisk',
    `
    r4|r5|杠杆|期权|雪球|两融|融资融券|融资|期货|衍生品|高风险产品|分级基金|场外衍生|结构化|私募|加仓|满仓|梭哈|全仓|配资|创业板|科创板|可转债打新|leverage*|
    option|options|margin|futures|derivative*|snowball|crypto*|all in|all-in
  `,
  ),
  ...words(
    'decline',
    'decline',
    `
    不匹配|不适合|不建议|只适合|仅适合|only suits|only suitable|及以上的投资者|及以上投资者|及以上的投资人|and above|or above|不推荐|不能买|不可以买|不要买|别买|超出|超过了|不符合|高于您|高于你|属于高风险|不太合适|不合适|谨慎考虑|先别|不要碰|别碰|not suitable|
    unsuitable|wouldn't recommend|would not recommend|don't recommend|do not recommend|
    not a good fit|isn't suitable|is not suitable|too risky|mismatch|above your
  `,
  ),
  ...words(
    'security',
    'security',
    `
    这只股|这个股|这票|这只票|该股|这支股|这只个股|股票代码|龙头股|牛股|妖股|这家公司的股票|this stock|that stock|these shares|
    this ticker|shares of
  `,
  ),
  ...words(
    'direction',
    'direction',
    `
    买入|买进|卖出|抛掉|抛了|清仓|加仓|减仓|建仓|抄底|追涨|就追|低吸|高抛|持有|拿住|拿着|继续拿|闭眼持有|目标价|目标位|目标看到|止损|止盈|涨停|埋伏|上车|割肉|出掉|
    卖掉|全仓|满仓|梭哈|开盘买|开盘就买|明天买|明天卖|buy|sell|short it|target price|price target|target $|stop-loss|
    stop loss|at the open|load up|hold it|hold on to|dump it|get out of
  `,
  ),
  ...words(
    'refuse',
    'refuse',
    `
    不能对具体股票|不对个股|不能荐股|不荐股|不推荐个股|不能推荐个股|不给买卖建议|不能给买卖建议|不构成投资建议|不能推荐股票|不做个股推荐|不提供个股|can't give stock|
    cannot give stock|can't recommend individual|not a recommendation|no stock tips|
    don't give stock tips
  `,
  ),
  ...words(
    'tie',
    'tie',
    `
    开户|入金|买|申购|认购|充值|转入|绑卡|交易|下单|注册|存入|办理|开通|open an account|open your account|sign up|sign-up|
    deposit|fund your account|funding|buy|purchase|account|subscribe|trade
  `,
  ),
  ...words(
    'gift',
    'gift',
    `
    送|赠|礼品|礼物|红包|现金奖励|送现金|现金券|返现|返佣|返利|奖励|补贴|优惠券|购物卡|话费|免费领|gift|bonus|cash reward|free cash|reward|
    rebate|cashback|voucher|prize|free share*|free stock*
  `,
  ),
  ...words(
    'competitor',
    'competitor',
    `
    别家|别的券商|其他券商|其它券商|隔壁|同行|某些券商|有些券商|那家券商|友商|竞争对手|他们家|外面的券商|小券商|其他平台|别的平台|其他家|某券商|其他机构|别的机构|某证券|
    别家的|其他公司|人家券商|他们的app|他们app|对面|other brokers|other firms|other platforms|competitor*|that broker|
    their app|the other guys|rival*|other banks|those brokers|the broker across
  `,
  ),
  ...words(
    'smear',
    'smear',
    `
    割韭菜|垃圾|骗子|骗人|坑人|坑你|黑心|不靠谱|不专业|新手|菜鸟|只会亏|乱收费|跑路|倒闭|吸血|忽悠|差劲|很烂|太烂|水平差|太差|没保障|不安全|智商税|收割|外行|骗钱|坑钱|
    黑平台|不行|草台班子|小作坊|crook*|scam*|garbage|trash|rip you off|rip-off|useless|clowns|amateur*|
    incompetent|thieves|fleece|lose your money|joke|terrible|shady
  `,
  ),
  ...words(
    'fakeEntity',
    'fake',
    `
    非法|假冒|山寨|冒充|无牌|没有牌照|未经批准|假app|虚假|仿冒|钓鱼|黑平台|fake|illegal|unlicensed|impersonat*|clone|
    unregistered|not licensed
  `,
  ),
  ...words(
    'sensitive',
    'sensitive',
    `
    手机号|手机号码|电话号码|电话|身份证|身份证号|银行卡|银行卡号|卡号|资金账号|证券账号|账号|账户号|密码|验证码|住址|家庭住址|工作单位|收入|存款|人脸|持仓截图|
    phone number|phone|id number|id card|passport|bank card|card number|account number|password|pin|
    verification code|otp|one-time code|ssn|social security|home address|login|credentials
  `,
  ),
  ...words(
    'secret',
    'secret',
    `
    密码|验证码|交易密码|password|pin|verification code|otp|one-time code|credentials
  `,
  ),
  ...words(
    'collect',
    'collect',
    `
    发|打出|打在|留|写|贴|报|公布|晒|告诉我|私信|发给我|发我|给我|提供|输入|填|报一下|说一下|扣|post|share|type|drop|send|put|give me|
    tell me|dm me|leave|write|comment
  `,
  ),
  ...words(
    'venue',
    'venue',
    `
    评论区|公屏|弹幕|直播间|聊天区|留言区|屏幕上|评论里|留言|群里|私信|in the chat|in chat|in the comments|comments|below|
    publicly|dm|direct message
  `,
  ),
  ...words(
    'prohibit',
    'prohibit',
    `
    不要|别给|别发|别告诉|别透露|切勿|千万别|千万不要|不会向|不会问|不会要|不得|严禁|禁止|请勿|不能给|不可以给|绝不|从不|don't|do not|never|
    we'll never|will never|should not|shouldn't|not share
  `,
  ),
  ...words(
    'hypo',
    'hypo',
    `
    假设|假如|举个例子|打个比方|比如说|例如|比方说|举例|算一笔账|hypothetical*|for example|suppose|say you|let's say|
    for instance|imagine
  `,
  ),
  ...words(
    'shortPeriod',
    'short',
    `
    近两个月|近一个月|近三个月|近1个月|近2个月|近3个月|近4个月|近5个月|近四个月|近五个月|近两月|近一月|近三月|一个月|两个月|三个月|四个月|五个月|1个月|2个月|3个月|
    4个月|5个月|这个月|本月|上个月|上月|这周|本周|上周|这一周|一周|几天|这几天|今天|昨天|近一周|近期|最近一个月|一季度|这个季度|上季度|单月|单日|一天|每天|半个月|
    成立4个月|成立两个月|成立三个月|刚成立|this month|last month|this week|last week|past week|past month|one month|
    two months|three months|3 months|2 months|4 months|5 months|in a month|this quarter|
    last quarter|a few weeks|few days|yesterday|today|in weeks
  `,
  ),
  ...words(
    'annualise',
    'annualise',
    `
    年化|折算|换算成年|annualiz*|annualis*|annual rate
  `,
  ),
  ...words(
    'indexSubject',
    'index',
    `
    指数|大盘|沪深300|上证|深证|创业板指|标普|纳斯达克|道琼斯|恒生|a股整体|s&p|nasdaq|dow jones|the index|the market|msci
  `,
  ),
  ...words(
    'official',
    'official',
    `
    官方|app内|app里|公司的|客服|官网|official|in-app|in the app
  `,
  ),
];
