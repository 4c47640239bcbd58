/**
 * PROTOCOL_VERSION from core/protocol.ts, injected at build time by vite.config.ts (`define`), so
 * the bundle does not carry zod and the protocol schemas just for one number.
 */
declare const __BRANCHCAST_PROTOCOL_VERSION__: number;

export const PROTOCOL_VERSION: number = __BRANCHCAST_PROTOCOL_VERSION__;
