#!/usr/bin/env node
/**
 * Regenerates test/fixtures/voice/: Mandarin renderings by Debian's espeak-ng (-v cmn-latn-pinyin)
 * with silences of known length inserted by sox, plus manifest.json saying what each file holds
 * (text, character count, where the inserted pauses are). Tests read only the committed files, so
 * they need neither program. Run: node scripts/voice-fixtures.mjs (needs espeak-ng and sox).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';

const OUT = new URL('../test/fixtures/voice/', import.meta.url).pathname;
const RATE = 16000;
const tmp = mkdtempSync(join(tmpdir(), 'bc-voice-'));

/** Han characters only: what the syllable rate compares with. */
const hanCount = (s) => [...s].filter((c) => /\p{Script=Han}/u.test(c)).length;

/** Tone-numbered pinyin; espeak-ng writes the neutral tone as 5. */
export function toPinyin(text) {
  return pinyin(text, { toneType: 'num', type: 'array', nonZh: 'removed' })
    .filter((s) => /[a-z]/i.test(s))
    .map((s) => s.replace(/0$/, '5'))
    .join(' ');
}

/** One phrase as trimmed 16 kHz mono PCM16 WAV; returns its duration in ms. */
function phrase(text, file, { amp = 100, range = 'medium', speed = 175 } = {}) {
  const raw = join(tmp, 'raw.wav');
  const ssml = `<speak><prosody range="${range}">${toPinyin(text)}</prosody></speak>`;
  execFileSync('espeak-ng', ['-m', '-v', 'cmn-latn-pinyin', '-a', String(amp), '-s', String(speed), '-w', raw, ssml]);
  // Trim espeak's own leading and trailing silence so inserted pauses are the only ones.
  execFileSync('sox', [
    raw,
    '-r',
    String(RATE),
    '-b',
    '16',
    '-c',
    '1',
    file,
    'silence',
    '1',
    '0.005',
    '0.2%',
    'reverse',
    'silence',
    '1',
    '0.005',
    '0.2%',
    'reverse',
  ]);
  return Math.round(Number(execFileSync('soxi', ['-D', file]).toString()) * 1000);
}

function silence(ms, file) {
  execFileSync('sox', ['-n', '-r', String(RATE), '-b', '16', '-c', '1', file, 'trim', '0', String(ms / 1000)]);
}

/** Phrases with silences between them: [text, pauseAfterMs, text, pauseAfterMs, …, text]. */
function build(name, parts, opts) {
  const files = [];
  const pauses = [];
  let t = 0;
  let text = '';
  parts.forEach((p, i) => {
    const f = join(tmp, `${name}-${i}.wav`);
    if (typeof p === 'string') {
      t += phrase(p, f, opts);
      text += p;
    } else {
      silence(p, f);
      pauses.push({ startMs: t, endMs: t + p });
      t += p;
    }
    files.push(f);
  });
  const out = join(OUT, `${name}.wav`);
  if (files.length === 1) execFileSync('sox', [files[0], out]);
  else execFileSync('sox', [...files, out]);
  return { file: `${name}.wav`, text, characters: hanCount(text), durationMs: t, pauses, bytes: statSync(out).size };
}

const manifest = {
  generator: `espeak-ng ${execFileSync('espeak-ng', ['--version']).toString().split(/\s+/)[3]} -v cmn-latn-pinyin, sox; scripts/voice-fixtures.mjs`,
  // The tuning sentence was used to set the analyser's thresholds; the others were not.
  files: [
    { role: 'tuning', ...build('tuning', ['你好大家欢迎来到直播间']) },
    {
      role: 'test',
      ...build('pauses', [
        '各位投资者朋友大家好',
        500,
        '今天我们聊一聊基金定投',
        1200,
        '投资有风险',
        400,
        '入市需谨慎',
      ]),
    },
    {
      role: 'test',
      ...build('pauses-fast', ['股票价格会有波动', 800, '请根据自己的风险承受能力做决定', 2000, '谢谢大家'], {
        speed: 230,
      }),
    },
    { role: 'flat', ...build('flat', ['过往业绩不代表未来表现请理性投资'], { range: 'x-low' }) },
    { role: 'varied', ...build('varied', ['过往业绩不代表未来表现请理性投资'], { range: 'x-high' }) },
    { role: 'quiet', ...build('quiet', ['过往业绩不代表未来表现请理性投资'], { amp: 15 }) },
    // The e2e microphone: speech, dead air, speech (Chromium loops the file).
    { role: 'mic', ...build('mic', ['大家好欢迎来到直播间', 700, '今天聊一聊风险', 6000, '我们继续']) },
  ],
};
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
rmSync(tmp, { recursive: true });
console.log(
  manifest.files
    .map((f) => `${f.file}: ${f.durationMs} ms, ${f.characters} chars, ${f.pauses.length} pauses`)
    .join('\n'),
);
