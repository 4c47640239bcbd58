/**
 * The corpus split: every item goes to train, dev or test by a hash of its id and a fixed seed.
 * Hashing the id (not the position) keeps every existing assignment when items are added later.
 * Test is never used to tune a rule or the model; dev picks thresholds and regularisation.
 */
export type Split = 'train' | 'dev' | 'test';

/** Changing the seed reshuffles everything: never do it after figures have been reported. */
export const SPLIT_SEED = 'branchcast-compliance-2026';

/** FNV-1a over UTF-16 code units, then a final avalanche (murmur3 fmix32). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** ~70 / 15 / 15 by the id's bucket out of 100. */
export function splitOf(id: string): Split {
  const bucket = hash32(`${SPLIT_SEED}:${id}`) % 100;
  return bucket < 70 ? 'train' : bucket < 85 ? 'dev' : 'test';
}
