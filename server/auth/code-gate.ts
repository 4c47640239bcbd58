/**
 * Join codes are looked up through a token bucket per client address (docs/ACCESS.md, "Join-code
 * guessing"). A lookup takes a token before it happens and a code that matches gives it back, so
 * only wrong codes drain the bucket and a burst sent at once cannot outrun it. An empty bucket
 * makes the address wait its turn (first come, first served) instead of refusing it: a classroom
 * behind one NAT whose neighbour mistyped waits a second or two, not ten minutes. Only a queue
 * already full is answered `RATE_LIMITED`, with a Retry-After of a few seconds.
 *
 * IPv6 addresses are grouped by their /64 (one host usually holds a whole /64). State is in
 * memory: it refills within seconds, so a restart gives an attacker nothing worth having.
 */
import { isIPv6 } from 'node:net';

export interface CodeGateLimits {
  /** Wrong codes an address may try at once before it has to wait. */
  burst: number;
  /** Wrong codes per second an address may try after that, sustained. */
  perSecond: number;
  /** Lookups that may wait per address; more are refused with Retry-After. */
  maxQueue: number;
}

export const CODE_GATE_LIMITS: CodeGateLimits = { burst: 10, perSecond: 1, maxQueue: 5 };

export type CodeTicket =
  | {
      ok: true;
      /** The code matched a session: give the token back. */
      matched(): void;
    }
  | { ok: false; retryAfter: number };

interface Bucket {
  tokens: number;
  last: number;
  queue: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

/** The key an address is counted under: an IPv4 address, or the /64 of an IPv6 one. */
export function addressKey(address: string | undefined): string {
  const a = (address ?? '').replace(/^::ffff:(?=\d+\.)/, '');
  if (!isIPv6(a)) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = a.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class CodeGate {
  private buckets = new Map<string, Bucket>();
  /** Lookups admitted and refused so far (tests and the bench read them). */
  readonly counts = { admitted: 0, waited: 0, refused: 0 };

  constructor(
    readonly limits: CodeGateLimits = CODE_GATE_LIMITS,
    private now: () => number = Date.now,
  ) {}

  /** Wait for this address's turn to look a code up; resolves at once while it has tokens. */
  admit(address: string | undefined): Promise<CodeTicket> {
    const key = addressKey(address);
    const b = this.bucket(key);
    this.refill(b);
    if (b.queue.length === 0 && b.tokens >= 1) return Promise.resolve(this.take(b));
    if (b.queue.length >= this.limits.maxQueue) {
      this.counts.refused++;
      const retryAfter = Math.max(1, Math.ceil((b.queue.length + 1 - b.tokens) / this.limits.perSecond));
      return Promise.resolve({ ok: false, retryAfter });
    }
    this.counts.waited++;
    return new Promise<CodeTicket>((resolve) => {
      b.queue.push(() => resolve(this.take(b)));
      this.schedule(key, b);
    });
  }

  private take(b: Bucket): CodeTicket {
    b.tokens -= 1;
    this.counts.admitted++;
    let given = false;
    return {
      ok: true,
      matched: () => {
        if (given) return;
        given = true;
        b.tokens = Math.min(this.limits.burst, b.tokens + 1);
        // A right code ahead in the queue lets the next one go now rather than at the next refill.
        if (b.queue.length > 0 && b.tokens >= 1) b.queue.shift()!();
      },
    };
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      // Forget full, idle buckets so a flood of addresses costs no lasting memory.
      if (this.buckets.size > 10_000)
        for (const [k, old] of this.buckets) {
          this.refill(old);
          if (old.queue.length === 0 && old.tokens >= this.limits.burst) this.buckets.delete(k);
        }
      b = { tokens: this.limits.burst, last: this.now(), queue: [], timer: null };
      this.buckets.set(key, b);
    }
    return b;
  }

  private refill(b: Bucket): void {
    const now = this.now();
    b.tokens = Math.min(this.limits.burst, b.tokens + (Math.max(0, now - b.last) / 1000) * this.limits.perSecond);
    b.last = now;
  }

  /** Wake the queue's head when its token has grown back. */
  private schedule(key: string, b: Bucket): void {
    if (b.timer) return;
    const wait = Math.max(1, Math.ceil(((1 - b.tokens) / this.limits.perSecond) * 1000));
    b.timer = setTimeout(() => {
      b.timer = null;
      this.refill(b);
      while (b.queue.length > 0 && b.tokens >= 1) b.queue.shift()!();
      if (b.queue.length > 0) this.schedule(key, b);
    }, wait);
    b.timer.unref();
  }
}
