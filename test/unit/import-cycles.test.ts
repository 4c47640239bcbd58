/**
 * No import circles among core/, server/ and client/src modules, type-only imports included
 * (scripts/import-cycles.mjs lists them: `node scripts/import-cycles.mjs`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { findCycles } from '../../scripts/import-cycles.mjs';

describe('module graph', () => {
  it('has no import circles', () => {
    const cycles = (findCycles as (root: string) => string[][])(join(import.meta.dirname, '../..'));
    expect(cycles.map((c) => c.join(' ↔ '))).toEqual([]);
  });
});
