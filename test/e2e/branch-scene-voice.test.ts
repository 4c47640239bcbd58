/**
 * The host's voice where the browser has a Chinese voice. Debian's Chromium ships none (the other
 * browser tests cover the captions-only fallback), so this page gets a stand-in speechSynthesis
 * with one zh-CN voice, installed before the app starts: it records what it is asked to say, fires
 * `start` at once and `end` a few seconds later, like a real engine. Checks the note names the
 * voice, the line goes to the synthesiser with that voice, captions and mouth run while it
 * speaks, and the caption is marked done when the voice ends. A stand-in speech recognition
 * (Chromium's own needs Google's service) checks that what the microphone hears is delivered as
 * the host's line.
 */
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, startStream, WAIT, type Studio } from '../../bench/lib/scene-probe.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';

const SPEAK_MS = 8000;
const HEARD = '各位观众，我们稍后继续，请勿相信任何荐股私信。';

/** Runs in the page before the app: a synthesiser with one zh-CN voice. */
const FAKE_SYNTH = `(() => {
  const voice = { name: 'Test Mandarin (zh-CN)', lang: 'zh-CN', default: true, localService: true, voiceURI: 'test-zh' };
  window.__spoken = [];
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onstart = null; this.onend = null; this.onerror = null; }
  }
  const synth = {
    getVoices: () => [voice],
    speak(u) {
      window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
      setTimeout(() => u.onstart && u.onstart(), 30);
      setTimeout(() => u.onend && u.onend(), ${SPEAK_MS});
    },
    cancel() {},
    addEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  // Speech recognition that "hears" one sentence, as Chrome's does with a final result.
  class Recognition {
    start() {
      setTimeout(() => {
        const alt = { transcript: '${HEARD}' };
        const result = Object.assign([alt], { isFinal: true });
        this.onresult && this.onresult({ resultIndex: 0, results: [result] });
        this.onend && this.onend();
      }, 200);
    }
    stop() {}
  }
  for (const name of ['SpeechRecognition', 'webkitSpeechRecognition'])
    Object.defineProperty(window, name, { value: Recognition, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
})();`;

declare global {
  interface Window {
    __spoken?: { text: string; lang: string; voice: string | null }[];
  }
}

let browser: Browser;
let studio: Studio;

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  browser = await launching;
  studio = await openStudio(browser, { viewers: 0, initScript: FAKE_SYNTH });
  await startStream(studio.page);
});

afterAll(async () => {
  await studio?.close();
  await browser?.close();
});

describe('the host speaks with the browser’s Chinese voice', () => {
  it('names the voice instead of the captions-only note', async () => {
    const note = studio.page.locator('[data-testid=voice-note]');
    await expect(note.getAttribute('data-mode')).resolves.toBe('voice');
    await expect(note.textContent()).resolves.toContain('Test Mandarin (zh-CN)');
  });

  it('speaks a delivered line with that voice, captioned, the mouth moving until the voice ends', async () => {
    const line = await studio.page.evaluate(
      () => window.__branchcast!.store.getState().state.scenario!.segments[0]!.lines[0]!.zh,
    );
    await studio.page.evaluate(() => {
      window.__branchcast!.host!.mouthPeak = 0;
    });
    await studio.page.click('[data-testid=teleprompter] li >> nth=0');
    await studio.page.waitForFunction((text) => window.__spoken?.some((u) => u.text === text), line, WAIT);
    const spoken = await studio.page.evaluate(() => window.__spoken!.at(-1)!);
    expect(spoken).toEqual({ text: line, lang: 'zh-CN', voice: 'Test Mandarin (zh-CN)' });
    await expect(studio.page.locator('[data-testid=caption-text]').textContent()).resolves.toBe(line);
    await studio.page.waitForFunction(() => (window.__branchcast?.host?.mouthPeak ?? 0) > 0.3, null, WAIT);
    // The voice's end event closes the line: the caption lingers, marked done.
    await studio.page.waitForSelector('[data-testid=caption-line].done', { timeout: SPEAK_MS + 60_000 });
  });

  it('turns the voice off on request: captions only', async () => {
    await studio.page.click('[data-testid=voice-toggle]');
    await expect(studio.page.locator('[data-testid=voice-note]').getAttribute('data-mode')).resolves.toBe('muted');
    const before = await studio.page.evaluate(() => window.__spoken!.length);
    await studio.page.click('[data-testid=teleprompter] li >> nth=1');
    await studio.page.waitForSelector('[data-testid=caption-line].speaking', { timeout: 60_000 });
    expect(await studio.page.evaluate(() => window.__spoken!.length)).toBe(before);
  });

  it('sends what the microphone heard as the host’s line, spoken and captioned', async () => {
    const lines = await studio.page.evaluate(() => window.__branchcast!.store.getState().state.counters.hostLines);
    await studio.page.click('[data-testid=mic-button]');
    await studio.page.waitForFunction(
      (n) => window.__branchcast!.store.getState().state.counters.hostLines === n + 1,
      lines,
      WAIT,
    );
    const caption = studio.page.locator('[data-testid=caption-text]');
    await studio.page.waitForFunction(
      (text) => document.querySelector('[data-testid=caption-text]')?.textContent === text,
      HEARD,
      WAIT,
    );
    await expect(caption.textContent()).resolves.toBe(HEARD);
    expect(studio.pageErrors).toEqual([]);
  });
});
