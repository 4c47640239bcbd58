/** The wall's order and filter (issue 17 pt 2): pure, so the page and a test agree on it. */
import type { LiveSession } from '../../../core/workshop/api-types.js';

export const WALL_SORTS = ['alerts', 'trainee', 'scoreLow', 'elapsed'] as const;
export type WallSort = (typeof WALL_SORTS)[number];

/** Rooms with an alert not yet seen come first in 'alerts' order; ties by trainee name. */
export function sortWall(
  sessions: readonly LiveSession[],
  by: WallSort,
  unseen: (s: LiveSession) => number,
  collator: Intl.Collator,
): LiveSession[] {
  const name = (s: LiveSession) => s.trainee ?? '';
  const byName = (a: LiveSession, b: LiveSession) => collator.compare(name(a), name(b));
  const list = [...sessions];
  switch (by) {
    case 'alerts':
      return list.sort((a, b) => unseen(b) - unseen(a) || byName(a, b));
    case 'trainee':
      return list.sort(byName);
    case 'scoreLow':
      // Not started (no score yet) last: a low live score is what needs watching.
      return list.sort(
        (a, b) =>
          (a.status === 'created' ? Infinity : (a.score?.total ?? Infinity)) -
            (b.status === 'created' ? Infinity : (b.score?.total ?? Infinity)) || byName(a, b),
      );
    case 'elapsed':
      return list.sort((a, b) => b.elapsedMs - a.elapsedMs || byName(a, b));
  }
}
