import { describe, expect, it } from 'vitest';
import { Rng, rngStep, rngValue, seedRng } from '../../core/random.js';

describe('seeded PRNG', () => {
  it('the same seed gives the same sequence, a different seed another', () => {
    const a = new Rng(seedRng(123));
    const b = new Rng(seedRng(123));
    const c = new Rng(seedRng(124));
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
  });

  it('its whole state is one number: resuming from a saved state continues the sequence', () => {
    const a = new Rng(99);
    a.next();
    a.next();
    const saved = a.state;
    const next = a.next();
    expect(new Rng(saved).next()).toBe(next);
    expect(rngValue(rngStep(saved))).toBe(next);
  });

  it('is roughly uniform and stays in range', () => {
    const r = new Rng(1);
    const buckets = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outOfRange++;
      else buckets[Math.floor(x * 10)]!++;
    }
    expect(outOfRange).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const v = r.range(3, 5);
      expect(v >= 3 && v <= 5 && Number.isInteger(v)).toBe(true);
    }
  });

  it('weighted picks follow the weights', () => {
    const r = new Rng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weighted([1, 2, 0])]!++;
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[0]!).toBeGreaterThan(1.8);
    expect(counts[1]! / counts[0]!).toBeLessThan(2.2);
  });
});
