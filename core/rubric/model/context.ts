/**
 * What the detector knows beyond the utterance: the turns it answers (viewer questions, the
 * host's own previous lines) and whether the risk banner is on screen. A viewer's turn is never
 * scored and never supplies a disclosure for the host (CATALOGUE decision 10).
 */
export interface Turn {
  readonly speaker: 'viewer' | 'host';
  readonly text: string;
}

export interface CheckContext {
  /** Earlier turns, oldest first; a plain string is one viewer turn. */
  readonly turns?: readonly Turn[] | string | undefined;
  /** The risk-disclosure banner is on the wall. */
  readonly banner?: boolean | undefined;
}

export interface ResolvedContext {
  /** The viewer turns joined (what the rules read as "the viewer's turn"), or undefined. */
  readonly viewer: string | undefined;
  /** The host's previous lines joined, or undefined. */
  readonly host: string | undefined;
  readonly banner: boolean;
}

const NONE: ResolvedContext = { viewer: undefined, host: undefined, banner: false };

export function resolveContext(ctx: string | CheckContext | undefined): ResolvedContext {
  if (ctx === undefined) return NONE;
  if (typeof ctx === 'string') return ctx.trim() === '' ? NONE : { viewer: ctx, host: undefined, banner: false };
  const turns = ctx.turns;
  const banner = ctx.banner === true;
  if (turns === undefined) return banner ? { ...NONE, banner } : NONE;
  if (typeof turns === 'string') return { viewer: turns.trim() === '' ? undefined : turns, host: undefined, banner };
  const viewer: string[] = [];
  const host: string[] = [];
  for (const t of turns) (t.speaker === 'host' ? host : viewer).push(t.text);
  return {
    viewer: viewer.length > 0 ? viewer.join('\n') : undefined,
    host: host.length > 0 ? host.join('\n') : undefined,
    banner,
  };
}

/** A stable cache key for a context (U+0000/U+0001 never occur in chat text). */
export function contextKey(ctx: string | CheckContext | undefined): string {
  const r = resolveContext(ctx);
  return `${r.viewer ?? ''}\u0001${r.host ?? ''}\u0001${r.banner ? 1 : 0}`;
}
