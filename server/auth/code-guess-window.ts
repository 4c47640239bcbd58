/**
 * Failed-login counter: at most `max` failures per key within `windowMs`, then refused until the
 * oldest failure leaves the window. Keys are `u:<username>` and `ip:<address>`. In memory: a
 * restart forgets, which only ever lets a few more guesses through.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(private now: () => number = Date.now) {}

  /** Seconds until `key` may try again, or 0 if it may now. */
  retryAfter(key: string, rule: LimitRule): number {
    const list = this.prune(key, rule);
    if (list.length < rule.max) return 0;
    return Math.max(1, Math.ceil((list[0]! + rule.windowMs - this.now()) / 1000));
  }

  fail(key: string, rule: LimitRule): void {
    const list = this.prune(key, rule);
    list.push(this.now());
    this.failures.set(key, list);
    // Bound the memory a flood of made-up names can take.
    if (this.failures.size > 10_000)
      for (const k of this.failures.keys()) if (!this.prune(k, rule).length) this.failures.delete(k);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, rule: LimitRule): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const since = this.now() - rule.windowMs;
    while (list.length && list[0]! <= since) list.shift();
    return list;
  }
}
