/**
 * Every interface string exists in Simplified Chinese and English, with the same placeholders, so
 * switching language never shows a raw key or drops a number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../client/src/locales');
const LANGS = ['zh', 'en'] as const;

function flatten(obj: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof obj === 'string') out.set(prefix, obj);
  else if (obj && typeof obj === 'object')
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** i18next plural keys differ by language (Chinese has only _other): compare the base key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const namespaces = [...new Set(LANGS.flatMap((l) => readdirSync(join(ROOT, l))))].filter((f) => f.endsWith('.json'));

describe('interface languages', () => {
  it('ships a common namespace in both languages', () => {
    expect(namespaces).toContain('common.json');
  });

  for (const file of namespaces) {
    it(`${file}: same keys and placeholders in zh and en`, () => {
      const [zh, en] = LANGS.map((l) => flatten(JSON.parse(readFileSync(join(ROOT, l, file), 'utf8'))));
      const zhKeys = new Set([...zh!.keys()].map(base));
      const enKeys = new Set([...en!.keys()].map(base));
      expect(
        [...zhKeys].filter((k) => !enKeys.has(k)),
        'missing in en',
      ).toEqual([]);
      expect(
        [...enKeys].filter((k) => !zhKeys.has(k)),
        'missing in zh',
      ).toEqual([]);
      for (const [key, text] of zh!) {
        const other = en!.get(key) ?? en!.get(`${base(key)}_other`) ?? en!.get(`${base(key)}_one`);
        if (other === undefined) continue;
        expect(placeholders(other), `${file} ${key}`).toEqual(placeholders(text));
        expect(text.trim(), `${file} ${key} is empty in zh`).not.toBe('');
      }
    });
  }
});
