/**
 * What a viewer's line was, for the host's delete (场控): a scam post the host should remove, a
 * genuine complaint or a critical question the host must not silence (docs/RUBRICS.md HT2), or
 * neither. The room stamps the verdict into `chat.deleted` so bots, which never see most viewer
 * lines (core/audience/subscription.ts), can react to the deletion; the scorer reads the same.
 */
import type { ChatKind } from './chat-kinds.js';
import { cachedCheck } from './rubric/check-cache.js';

/**
 * A viewer complaining about the host, the stream or the product: ignored questions, losses,
 * being misled, censorship. Not a warning about a scam ("已举报这个账号" is a viewer helping).
 */
const COMPLAINT =
  /(没人理|没人回|不回答|不回复|不理人|被跳过|跳过了|只顾念稿|删评|删我|控评|为什么删|怎么删|不敢回答|亏了|亏损|亏惨|套牢|被套|割韭菜|忽悠|误导|虚假宣传|坑人|骗人的|退钱|投诉|不靠谱|ignored|nobody answers|unanswered|skipped|deleted my|censor|misleading|lost money|refund|complain|rip-?off)/i;

export type DeletedLine = 'lure' | 'complaint' | 'question' | 'other';

/** A line the scorer and the bots treat as a scam post (the same rule as core/rubric/facts.ts). */
export function isLureLine(text: string, kind: ChatKind): boolean {
  return kind === 'lure' || cachedCheck(text).labels.includes('fraud_lure');
}

export function isComplaint(text: string, kind: ChatKind): boolean {
  if (kind === 'lure' || kind === 'spam') return false;
  return COMPLAINT.test(text);
}

/** What deleting this line means: removing a lure is handling it; a complaint or question is silencing. */
export function deletedLine(text: string, kind: ChatKind): DeletedLine {
  if (isLureLine(text, kind)) return 'lure';
  if (isComplaint(text, kind)) return 'complaint';
  if (kind === 'question') return 'question';
  return 'other';
}
