// Scenario files under scenes/ must parse, and the anti-fraud scenario must follow the programme
// (4.4.2 场景2: 嘉宾分享 + 互动问答 + 案例分析 + 防骗工具推荐). Broken copies must produce readable
// errors that name the file, the field path and what was expected, never a stack trace.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario, type Scenario } from '../../core/scenario.js';
import { PERSONA_IDS, PHRASES } from '../../core/audience/phrases.js';

const SCENES_DIR = fileURLToPath(new URL('../../scenes/', import.meta.url));
const ANTI_FRAUD = 'scenes/anti-fraud-live.yaml';
const PROGRAMME_PARTS = ['嘉宾分享', '互动问答', '案例分析', '防骗工具推荐'] as const;

const sceneFiles = readdirSync(SCENES_DIR)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .sort();

function readScene(file: string): string {
  return readFileSync(join(SCENES_DIR, file.replace(/^scenes\//, '')), 'utf8');
}

function loadAntiFraud(): Scenario {
  const r = parseScenario(readScene(ANTI_FRAUD), ANTI_FRAUD);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function expectReadable(errors: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.startsWith(`${ANTI_FRAUD}: `)).toBe(true);
    expect(e).not.toMatch(/^ {4}at /m);
  }
}

describe('scenes/*.yaml', () => {
  it('has at least the anti-fraud scenario', () => {
    expect(sceneFiles).toContain('anti-fraud-live.yaml');
  });

  it.each(sceneFiles)('%s parses as a scenario', (file) => {
    const r = parseScenario(readScene(file), `scenes/${file}`);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe('anti-fraud-live scenario', () => {
  const s = loadAntiFraud();

  it('cites the programme section', () => {
    expect(s.programmeRef).toBe('4.4.2 场景2');
  });

  it('has the four programme parts as segments, in order', () => {
    const positions = PROGRAMME_PARTS.map((part) => s.segments.findIndex((seg) => seg.title.zh.includes(part)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(PROGRAMME_PARTS.length);
  });

  it('opens before and closes after the programme parts', () => {
    const first = s.segments.findIndex((seg) => seg.title.zh.includes(PROGRAMME_PARTS[0]));
    const last = s.segments.findIndex((seg) => seg.title.zh.includes(PROGRAMME_PARTS[3]));
    expect(first).toBeGreaterThan(0);
    expect(last).toBeLessThan(s.segments.length - 1);
  });

  it('budgets 20–35 minutes in total', () => {
    const total = s.segments.reduce((sum, seg) => sum + seg.budgetSec, 0);
    expect(total).toBeGreaterThanOrEqual(20 * 60);
    expect(total).toBeLessThanOrEqual(35 * 60);
  });

  it('uses only known bot personas', () => {
    const known = new Set<string>(PERSONA_IDS);
    for (const p of s.bots.personas) expect(known.has(p.persona), p.persona).toBe(true);
  });

  it('gives every host line an English translation and has no product', () => {
    for (const seg of s.segments) for (const line of seg.lines) expect(line.en?.trim(), line.zh).toBeTruthy();
    expect(s.instruments).toEqual([]);
  });
});

describe('bot phrase bank', () => {
  it('has 12–20 phrases for every persona', () => {
    expect(Object.keys(PHRASES).sort()).toEqual([...PERSONA_IDS].sort());
    for (const id of PERSONA_IDS) {
      expect(PHRASES[id].length, id).toBeGreaterThanOrEqual(12);
      expect(PHRASES[id].length, id).toBeLessThanOrEqual(20);
    }
  });

  it('has non-empty text in both languages, and questions end with a question mark', () => {
    for (const id of PERSONA_IDS) {
      for (const p of PHRASES[id]) {
        expect(p.zh.trim(), `${id}: ${p.en}`).not.toBe('');
        expect(p.en.trim(), `${id}: ${p.zh}`).not.toBe('');
        const isQuestion = /[？?]$/;
        // Questions end with a question mark, plain chat does not; a lure may be phrased as a question
        // ("扣1拉你进群？") and is still a lure (docs/RUBRICS.md CK1).
        if (p.kind === 'question' || p.kind === 'chat') {
          expect(isQuestion.test(p.zh), `${id}: ${p.zh}`).toBe(p.kind === 'question');
          expect(isQuestion.test(p.en), `${id}: ${p.en}`).toBe(p.kind === 'question');
        }
      }
    }
  });

  it('has no real contact details in the lures', () => {
    for (const p of PHRASES.fraud_lurer) {
      expect(p.zh).not.toMatch(/https?:|www\.|\.com|1[3-9]\d{9}/);
    }
  });
});

describe('broken scenario copies', () => {
  const original = readScene(ANTI_FRAUD);

  function mutate(edit: (doc: Record<string, unknown> & { segments: Record<string, unknown>[] }) => void): string {
    const doc = parse(original) as Record<string, unknown> & { segments: Record<string, unknown>[] };
    edit(doc);
    return stringify(doc);
  }

  it('names the file, the field path and the expected type for a bad budget', () => {
    const text = mutate((doc) => {
      doc.segments[1]!.budgetSec = 'ten';
    });
    const r = parseScenario(text, ANTI_FRAUD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectReadable(r.errors);
    const msg = r.errors.find((e) => e.includes('segments[1].budgetSec'));
    expect(msg, r.errors.join('\n')).toBeDefined();
    expect(msg).toMatch(/expected number/);
  });

  it('names an incident pointing at an unknown segment, and lists the known ones', () => {
    const text = mutate((doc) => {
      const incidents = doc.incidents as { at?: { segment: string } }[];
      incidents[0]!.at!.segment = 'no-such-segment';
    });
    const r = parseScenario(text, ANTI_FRAUD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectReadable(r.errors);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('incidents[0].at.segment');
    expect(r.errors[0]).toContain('unknown segment "no-such-segment"');
    expect(r.errors[0]).toContain('qa');
  });

  it('names the file and the line of a YAML syntax error', () => {
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.startsWith('rubric:'));
    lines[at] = 'rubric: [anti-fraud-default';
    const r = parseScenario(lines.join('\n'), ANTI_FRAUD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectReadable(r.errors);
    expect(r.errors[0]).toMatch(/line \d+, column \d+/);
  });
});

describe('scenario cross-checks', () => {
  const text = readFileSync(join(SCENES_DIR, 'anti-fraud-live.yaml'), 'utf8');
  it('SC10: an unknown persona and an incident past its segment are named with their paths', () => {
    const broken = text.replace('persona: troll', 'persona: hacker').replace(/afterSec: \d+/, 'afterSec: 3000');
    const r = parseScenario(broken, 'x.yaml');
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => /^x\.yaml: bots\.personas\[\d+\]\.persona: unknown persona "hacker"/.test(e))).toBe(true);
    expect(
      errors.some((e) => /^x\.yaml: incidents\[\d+\]\.at\.afterSec: 3000 s is past the end of segment/.test(e)),
    ).toBe(true);
  });
});
