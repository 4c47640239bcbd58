/**
 * The layer walls are in the build, not in reviewers' heads: a probe file using fetch, document,
 * timers, crypto, storage and the clock must fail both the type check with core's compiler options
 * (no DOM, no Node types) and ESLint as if it sat in core/; client↔server imports and core importing
 * either must fail ESLint. The probes live in test/fixtures/purity-probe/ (ignored by the ordinary
 * lint and build) and are checked here in memory, one file at a time, so this stays fast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PROBES = join(ROOT, 'test/fixtures/purity-probe');
const probe = (name: string) => readFileSync(join(PROBES, name), 'utf8');

/** Line numbers (1-based) of the lines that carry a marker comment. */
function markedLines(text: string, marker: RegExp): number[] {
  return text
    .split('\n')
    .map((line, i) => (marker.test(line) ? i + 1 : 0))
    .filter((n) => n > 0);
}

async function lintAs(virtualPath: string, text: string): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, virtualPath) });
  return result!;
}

describe('core/ purity wall', () => {
  const text = probe('core-probe.ts');

  it('tsc with core/tsconfig.json options refuses browser and Node globals', () => {
    const configPath = join(ROOT, 'core/tsconfig.json');
    const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, join(ROOT, 'core'));
    expect(parsed.options.lib?.some((l) => /dom/i.test(l))).toBe(false);
    const file = join(PROBES, 'core-probe.ts');
    const program = ts.createProgram([file], {
      ...parsed.options,
      composite: false,
      noEmit: true,
      emitDeclarationOnly: false,
      declaration: false,
      tsBuildInfoFile: undefined,
    });
    const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
    const linesWithErrors = new Set(diags.map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1));
    const walls = markedLines(text, /\/\/ wall:/);
    expect(walls.length).toBeGreaterThanOrEqual(10);
    for (const line of walls) expect(linesWithErrors, `line ${line}: ${text.split('\n')[line - 1]}`).toContain(line);
  });

  it('ESLint refuses every impure line, and allows new Date(t)', async () => {
    const result = await lintAs('core/purity-probe.ts', text);
    const lines = new Set(result.messages.filter((m) => m.severity === 2).map((m) => m.line));
    for (const line of markedLines(text, /\/\/ (lint )?wall:/))
      expect(lines, `line ${line}: ${text.split('\n')[line - 1]}`).toContain(line);
    expect(lines).not.toContain(markedLines(text, /\/\/ allowed:/)[0]);
  });

  it('core imports neither server/ nor client/', async () => {
    const result = await lintAs('core/purity-probe.ts', probe('core-import-probe.ts'));
    const refused = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
    expect(refused).toEqual([2, 3]);
  });
});

describe('client ↔ server wall', () => {
  it('the client may not import the server or Node modules', async () => {
    const result = await lintAs('client/src/purity-probe.ts', probe('client-probe.ts'));
    const refused = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
    expect(refused).toEqual([2, 3]);
  });

  it('the server may not import the client', async () => {
    const result = await lintAs('server/purity-probe.ts', probe('server-probe.ts'));
    const refused = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
    expect(refused).toEqual([2]);
  });
});
