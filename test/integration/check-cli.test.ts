/**
 * `branchcast check` as a real process: JSONL in on stdin, JSONL out in the same order, a bad line
 * answered with an error line (and reported on stderr), exit code 1 when any line was bad.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runCheck(
  input: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/branchcast.js', 'check', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('branchcast check (process)', () => {
  it('answers each line in order, reports a bad line and exits 1', async () => {
    const input = [
      JSON.stringify({ id: 'one', text: '这只基金稳赚不赔，点击下方链接申购。' }),
      '',
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'two', text: 'No one can guarantee returns; bonds can lose value.' }),
      JSON.stringify({ id: 'three' }),
      JSON.stringify({
        id: 'four',
        context: '观众：我退休了，养老钱不能亏。',
        text: '那您可以试试雪球产品。',
      }),
    ].join('\n');
    const { code, stdout, stderr } = await runCheck(`${input}\n`);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['one', null, 'two', 'three', 'four']);
    expect(lines[0]?.labels).toEqual(['missing_risk_disclosure', 'promise_of_returns']);
    const findings = lines[0]?.findings as { start: number; end: number; category: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(typeof lines[1]?.error).toBe('string');
    expect(lines[2]?.labels).toEqual([]);
    expect(lines[3]?.error).toMatch(/text/);
    expect(lines[4]?.labels).toContain('unsuitable_recommendation');
    expect(stderr).toMatch(/line 3: invalid JSON/);
    expect(stderr).toMatch(/line 5: .*text/);
    expect(code).toBe(1);
  });

  it('reads context as a list of turns and the banner; a one-word yes takes its meaning from the question', async () => {
    const input = [
      JSON.stringify({ id: 'bare', text: '是的' }),
      JSON.stringify({ id: 'asked', text: '是的', context: [{ speaker: 'viewer', text: '这个产品是保本的吧？' }] }),
      JSON.stringify({ id: 'banner', text: '点击下方链接就能申购这只科技主题基金', banner: true }),
      JSON.stringify({ id: 'bad', text: '好', context: [{ speaker: 'bot', text: '?' }] }),
    ].join('\n');
    const { code, stdout } = await runCheck(`${input}\n`);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]?.labels).toEqual([]);
    expect(lines[1]?.labels).toContain('guarantee_of_principal');
    const f = (lines[1]?.findings as { origin: string; explanations: { zh: string; en: string } }[])[0];
    expect(['rule', 'model', 'both']).toContain(f?.origin);
    expect(f?.explanations.en.length).toBeGreaterThan(0);
    expect(lines[2]?.labels).not.toContain('missing_risk_disclosure');
    expect(lines[3]?.error).toMatch(/context/);
    expect(code).toBe(1);
  });

  it('exits 0 when every line is valid', async () => {
    const { code, stdout } = await runCheck(`${JSON.stringify({ id: 'a', text: '投资有风险，入市需谨慎。' })}\n`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ id: 'a', labels: [], findings: [] });
  });

  it('prints usage with --help', async () => {
    const { code, stdout } = await runCheck('', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage: branchcast check/);
  });
});
