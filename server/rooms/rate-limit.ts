/** Token bucket per connection: bursts up to `burst`, refills `perSecond`. Bots get the same limit as people. */
import type { Clock } from './clock.js';

export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 20, perSecond: 5 };

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private limit: RateLimit,
    private clock: Clock,
  ) {
    this.tokens = limit.burst;
    this.last = clock.now();
  }
  take(): boolean {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
