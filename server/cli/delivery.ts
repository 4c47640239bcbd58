/**
 * `branchcast delivery FILE.wav`: the delivery metrics of a recorded voice, as JSON on stdout
 * (the same analysis the browser runs on the microphone, core/voice/analyser.ts).
 */
import { readFile } from 'node:fs/promises';
import { analyseDelivery } from '../../core/voice/analyser.js';
import { parseWav, WavError } from '../../core/voice/wav.js';

export async function run(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file || args.length !== 1) {
    process.stderr.write('用法 usage: branchcast delivery FILE.wav\n');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    process.stderr.write(`无法读取 ${file} / cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const wav = parseWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const m = analyseDelivery(wav.samples, wav.sampleRate);
    const { speaking: _s, silenceMs: _t, ...out } = m;
    process.stdout.write(JSON.stringify({ file, sampleRate: wav.sampleRate, ...out }, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof WavError) {
      process.stderr.write(`${file}: ${e.zh}\n${file}: ${e.en}\n`);
      return 1;
    }
    throw e;
  }
}
