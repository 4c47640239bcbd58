/** The facilitator console (lazy chunk). */
import type { Route } from '../router.js';

export default function ConsoleApp({ route }: { route: Extract<Route, { page: 'console' | 'cohorts' | 'cohort' }> }) {
  return <div data-testid="console">{route.page}</div>;
}
