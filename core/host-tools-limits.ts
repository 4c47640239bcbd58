/**
 * Limits of the host console's commands (core/protocol.ts), in their own file so the client's
 * panel checks input against the same numbers without bundling the protocol's schemas.
 */
export const MAX_ANNOUNCEMENT = 200;
export const MAX_MUTE_SEC = 3600;
export const MAX_FILTER_WORD = 20;
export const MAX_FILTER_WORDS = 50;
