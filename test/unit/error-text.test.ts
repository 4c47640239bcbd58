/**
 * Server refusals in the interface language: every `error` code the server can answer with has a
 * sentence in Chinese and English, and the message shown is that sentence followed by the
 * server's detail (which names the field). The server's sources are read for the codes they
 * send, so a new code without a translation fails here rather than showing raw English to a
 * Chinese-speaking facilitator. Also the console's ticking elapsed time (pure part).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/protocol.js';
import { elapsedNow } from '../../client/src/console/ticking-clock.js';
import { ApiError, SERVER_ERROR_CODES, describeError, errorMessage } from '../../client/src/net/api.js';

const ROOT = join(import.meta.dirname, '../..');
const locale = (lang: 'zh' | 'en') =>
  JSON.parse(readFileSync(join(ROOT, 'client/src/locales', lang, 'common.json'), 'utf8')) as {
    errors: { codes: Record<string, string> };
  };

function serverSources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) serverSources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Codes the server puts in a refusal: `{ error: 'X' }`, `error: ErrorCode.X`, `fail(ErrorCode.X`, `WorkshopError(409, 'X'`. */
function codesSentByServer(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\berror:\s*'([A-Z][A-Z_]+)'/g,
    /\berror:\s*ErrorCode\.([A-Z_]+)/g,
    /\bfail\(\s*ErrorCode\.([A-Z_]+)/g,
    /\bfail\(\s*'([A-Z][A-Z_]+)'/g,
    /WorkshopError\(\s*\d+,\s*'([A-Z][A-Z_]+)'/g,
  ];
  // The CLI prints its own line-oriented errors; it is not an HTTP or Socket.IO answer.
  for (const file of serverSources(join(ROOT, 'server')).filter((f) => !f.includes('/cli/'))) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return found;
}

describe('server error codes in the interface languages', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    const make = async (lng: 'zh' | 'en') => {
      const i = createInstance();
      await i.init({
        lng,
        resources: { [lng]: { common: locale(lng) } },
        ns: ['common'],
        defaultNS: 'common',
        interpolation: { escapeValue: false },
      });
      return i.t;
    };
    [zh, en] = await Promise.all([make('zh'), make('en')]);
  });

  it('lists every Socket.IO ack code and every code the REST routes send', () => {
    const listed = new Set<string>(SERVER_ERROR_CODES);
    expect(Object.values(ErrorCode).filter((c) => !listed.has(c))).toEqual([]);
    const sent = codesSentByServer();
    // The scan must see the routes' codes, or this test would pass on nothing.
    for (const c of ['BAD_PAYLOAD', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'DUPLICATE', 'BAD_LOGIN'])
      expect(sent.has(c), c).toBe(true);
    expect([...sent].filter((c) => !listed.has(c))).toEqual([]);
  });

  it('has a Chinese and an English sentence for every code', () => {
    const [zhCodes, enCodes] = [locale('zh').errors.codes, locale('en').errors.codes];
    for (const code of SERVER_ERROR_CODES) {
      expect(zhCodes[code], `zh ${code}`).toMatch(/[\u4e00-\u9fff]/);
      expect(enCodes[code], `en ${code}`).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    }
    expect(Object.keys(zhCodes).sort()).toEqual([...SERVER_ERROR_CODES].sort());
    expect(Object.keys(enCodes).sort()).toEqual([...SERVER_ERROR_CODES].sort());
  });

  it('shows the sentence in the interface language, then the server detail naming the field', () => {
    const detail = 'names.0: must not be empty';
    expect(errorMessage(zh, 'BAD_PAYLOAD', detail)).toBe(`${locale('zh').errors.codes.BAD_PAYLOAD}（${detail}）`);
    expect(errorMessage(en, 'BAD_PAYLOAD', detail)).toBe(`${locale('en').errors.codes.BAD_PAYLOAD} (${detail})`);
    for (const code of SERVER_ERROR_CODES) {
      const shown = errorMessage(zh, code, 'scenarioId: no scenario "x"');
      expect(shown.startsWith(locale('zh').errors.codes[code]!), code).toBe(true);
      expect(shown).toContain('scenarioId: no scenario "x"');
    }
  });

  it('falls back sensibly: an unknown code names itself, no detail gives the sentence alone', () => {
    expect(errorMessage(zh, 'SOMETHING_NEW', 'x: bad')).toContain('SOMETHING_NEW');
    expect(errorMessage(zh, 'SOMETHING_NEW', 'x: bad')).toContain('x: bad');
    expect(errorMessage(zh, 'FORBIDDEN', '  ')).toBe(locale('zh').errors.codes.FORBIDDEN);
    expect(errorMessage(en, null, '502 Bad Gateway')).toBe('502 Bad Gateway');
  });

  it('describes what a REST call threw: ApiError by its code, an unreachable server, anything else as is', () => {
    const refused = new ApiError(409, 'username: "ana" is taken', 'DUPLICATE');
    expect(describeError(zh, refused)).toBe(`${locale('zh').errors.codes.DUPLICATE}（username: "ana" is taken）`);
    expect(describeError(en, new TypeError('Failed to fetch'))).toContain('Failed to fetch');
    expect(describeError(zh, new TypeError('Failed to fetch'))).toMatch(/^无法连接服务器/);
    expect(describeError(en, new Error('boom'))).toBe('boom');
  });
});

describe('console elapsed time between polls', () => {
  const live = { status: 'live', startedAt: 1_000, elapsedMs: 65_000 };
  it('adds the time since the poll answered while the session runs', () => {
    expect(elapsedNow(live, 10_000, 13_400)).toBe(68_400);
    // A clock that jumped back never shows less than the server said.
    expect(elapsedNow(live, 10_000, 9_000)).toBe(65_000);
  });
  it('keeps the server figure when not running or not yet answered', () => {
    expect(elapsedNow({ ...live, status: 'ended' }, 10_000, 50_000)).toBe(65_000);
    expect(elapsedNow({ status: 'created', startedAt: null, elapsedMs: 0 }, 10_000, 50_000)).toBe(0);
    expect(elapsedNow(live, null, 50_000)).toBe(65_000);
  });
});
