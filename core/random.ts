/**
 * Seeded PRNG (mulberry32). Its whole state is one uint32 so it can live in SessionState and in
 * recordings: replaying the same events from the same seed gives the same numbers.
 */
export type RngState = number;

/** Normalise any integer seed into a valid state. */
export function seedRng(seed: number): RngState {
  return seed >>> 0;
}

/** Advance the state once; returns the next state. Pair with {@link rngValue}. */
export function rngStep(state: RngState): RngState {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The float in [0, 1) that a state produces (the state must already be stepped). */
export function rngValue(state: RngState): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * A small mutable cursor over the PRNG for code that draws several numbers in a row (bot policy,
 * price paths). Read `state` back when done and store it where it belongs.
 */
export class Rng {
  state: RngState;
  constructor(state: RngState) {
    this.state = state >>> 0;
  }
  /** Float in [0, 1). */
  next(): number {
    this.state = rngStep(this.state);
    return rngValue(this.state);
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(items.length)] as T;
  }
  /** Index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}
