/** The replay pages' address (`/sessions`, `/replay/:id?seq=N`), a part of the app's router. */
import type { Route } from '../router.js';

export { navigate } from '../router.js';

export type ReplayRoute = Extract<Route, { page: 'sessions' } | { page: 'replay' }>;
