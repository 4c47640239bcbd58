/**
 * Gradebook shapes that the server answers and the console sends (issue 12 pt 8, 10): declared
 * once here for both ends (server/workshop/gradebook.ts, client/src/console/console-api.ts).
 */

/** A session a trainee already has open: started (live) or waiting for 开始直播 (unstarted). */
export interface ExistingSession {
  traineeId: string;
  name: string;
  sessionId: string;
  state: 'live' | 'unstarted';
  joinCode: string;
}

/** What to do with trainees who already have an open session (POST …/sessions `onExisting`). */
export type OnExisting = 'ask' | 'force' | 'skipExisting';

/** POST /api/attempts/:id/note: void (with a reason) or restore an attempt, and/or comment on it. */
export interface AttemptNotePatch {
  voided?: boolean;
  voidReason?: string | null;
  comment?: string | null;
}

/** POST /api/sessions/:id/satisfaction: whole numbers 1–5 on the programme's three items. */
export interface SatisfactionInput {
  content: number;
  instructor: number;
  tool: number;
  comment?: string | null;
}
