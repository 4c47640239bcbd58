/**
 * What a viewer's line is (docs/RUBRICS.md CK1): a question for the host, or a lure, troll, spam or
 * rumour, each scored under its own handling and never as an unanswered question.
 */
export const CHAT_KINDS = ['chat', 'question', 'lure', 'troll', 'spam', 'rumour'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];
