/**
 * How large and how chatty a session's simulated audience may be: one place for the protocol's
 * schemas, the REST routes and the console's inputs. No zod here, so the client can import it
 * without bundling the schemas.
 */
/** Most simulated viewers in one session: the audience bench holds 2,000 in a room; the 3D budgets are measured at 1,000. */
export const MAX_BOTS = 2000;
/** Most everyday lines per viewer per minute. */
export const MAX_BOT_RATE = 60;
