/**
 * The wire protocol's version, alone in a file without zod: the browser client imports it without
 * bundling the protocol's schemas (core/protocol.ts re-exports it for everyone else).
 */
export const PROTOCOL_VERSION = 1;
