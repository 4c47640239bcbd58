/**
 * Literal triggers for the conduct categories: stock tips, private advice, personal data,
 * inducements, competitors and scam scripts. Normalised form, like lexicon-triggers.ts.
 */
import { words, type LexEntry } from './matcher.js';

export const CONDUCT_LEXICON: readonly LexEntry[] = [
  ...words(
    'specific_stock_tip',
    'tip',
    `
    牛股推荐|推荐牛股|推荐一只股票|推荐几只股票|推荐一只股|推荐个股|给大家推荐一只|今日金股|本周金股|推荐金股|金股推荐|明日涨停|明天涨停|涨停股|翻倍股|必涨股|明天必涨|今天推荐的股票|荐一只票|潜力股推荐|
    stock pick|hot stock|buy this stock|this stock will|stock to buy|stocks to buy
  `,
  ),
  ...words(
    'unlicensed_advice',
    'not-licensed',
    `
    没有投顾资格|没有执业资格|没有资格但|没有证但|没有牌照但|虽然没有资格|我没证|没有从业资格|i'm not licensed but|i am not licensed but|
    i don't have a license|i do not have a license|not licensed, but
  `,
  ),
  ...words(
    'unlicensed_advice',
    'private-contact',
    `
    加我微信|加我个人微信|加我私人微信|加我好友|加我qq|个人微信|私人微信|微信号|微信在主页|主页有微信|联系方式在主页|主页有联系方式|私聊我|私信我|私我|找我私聊|加微信|
    加我的微信|dm me|message me privately|private message me|pm me|add me on wechat|add my wechat|
    my personal wechat|my wechat|add me on whatsapp|whatsapp me|telegram me|text me
  `,
  ),
  ...words(
    'unlicensed_advice',
    'trade-for-client',
    `
    一对一带你|一对一指导|一对一辅导|手把手带你操作|带你操作|跟我做|跟着我做|代客操作|代操作|帮你操作|帮你炒|帮你打理账户|账户给我|账户交给我|代炒|代理操盘|帮你操盘|替你操作|
    i'll trade for you|i will trade for you|trade on your behalf|trade for you|
    manage your account for you|i'll manage your account|give me your account|one-on-one coaching|
    1-on-1 coaching|let me trade
  `,
  ),
  ...words(
    'unlicensed_advice',
    'private-fee',
    `
    收益分成|利润分成|盈利分成|五五分|三七分|二八分|四六分|转到我个人账户|打到我个人账户|转账给我|转给我|打赏|收费指导|会员费|带单费|转到我的账户|profit split|
    split the profit*|share of the profit*|share of your profit*|50/50|send the money to my|
    my personal account|tip me|pay me directly
  `,
  ),
  ...words(
    'inducement_urgency',
    'urgency',
    `
    仅剩|只剩|名额有限|限时|限量|手慢无|错过再等|错过今天|错过就没|错过这波|错过这次|错过就|赶紧上车|赶快上车|抓紧上车|快上车|赶紧买|赶紧下单|赶紧抢|赶紧开户|抓紧买|欲购从速|
    先到先得|倒计时|机不可失|过了这村|再不买就|再不上车|现在不买|最后机会|最后几个名额|秒杀|抢购|马上涨价|即将涨价|抓紧时间|要抢|抢到就是赚到|速抢|今天不买|act now|
    limited spots|limited places|limited time|limited-time|hurry|before it's too late|
    don't miss out|do not miss out|last chance|today only|ends tonight|before midnight|
    while supplies last|while stocks last|first come, first served|first come first served|
    spots left|selling out|fomo|now or never|don't wait|ends soon
  `,
  ),
  ...words(
    'inducement_urgency',
    'gift',
    `
    开户送|开户就送|开户即送|开户有礼|开户礼|入金送|入金满|入金就送|充值送|买就送|购买就送|申购就送|现金红包|返佣|佣金返还|返现|sign-up bonus|
    signup bonus|cash bonus|free gift|commission rebate|cashback|cash back|deposit bonus|
    referral bonus
  `,
  ),
  ...words(
    'disparaging_competitors',
    'smear',
    `
    骗子公司|垃圾券商|垃圾平台|黑心券商|韭菜收割机|割韭菜的券商|坑人的券商|垃圾app|garbage app|crooks|bunch of crooks|scam broker
  `,
  ),
  ...words(
    'fraud_lure',
    'scam-script',
    `
    免费荐股|荐股群|扣1|扣个1|拉你进群|拉你进|加群|进群|内部群|vip群|内部交流群|牛股群|股票群|老师带|跟着老师|跟老师|老师指导|老师推荐|老师的票|导师|股神|大师带|
    内幕消息|内幕|内部消息|小道消息|主力拉升|庄家|机构专用通道|专用通道|内部通道|打新必中|必中|配资|安全账户|解冻费|解冻金|提现需交|缴税才能提现|交税才能提现|保证金才能提现|
    手续费才能提现|我舅舅在|我表哥在|我亲戚在|消息源|带你飞|抓涨停|喊单|带单|跟单|ai选股|ai荐股|量化信号|高回报项目|虚拟币|稳赚群|涨停板敢死队|professor|
    insider tip*|insider info*|insider signal*|ai signal*|trading signal*|signals group|
    investment club|vip group|join our group|join my group|whatsapp group|telegram group|
    pay tax to withdraw|pay taxes to withdraw|unlock fee|withdrawal fee|unfreeze fee|guaranteed ipo|
    my uncle works|my cousin works|secret strategy|copy my trades|copy trading|pump|mentor
  `,
  ),
];
