/** Self-practice (server/practice/practice-routes.ts): may I start one, start one, and the facilitator's switch. */
import { json } from './api.js';

export type PracticeMode = 'local' | 'open' | 'off';

export async function fetchPractice(): Promise<{ mode: PracticeMode; allowed: boolean }> {
  return json(await fetch('/api/practice', { credentials: 'same-origin' }));
}

export async function startPractice(scenarioId: string): Promise<{ sessionId: string; codes: { trainee: string } }> {
  return json(
    await fetch('/api/practice', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId }),
    }),
  );
}

export async function setPracticeMode(mode: PracticeMode): Promise<{ mode: PracticeMode }> {
  return json(
    await fetch('/api/practice', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    }),
  );
}
