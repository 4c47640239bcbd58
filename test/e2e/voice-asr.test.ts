/**
 * Speaking as the host, recognised on premises: Chromium takes an espeak-ng Mandarin WAV
 * (test/fixtures/voice/pauses.wav) as its microphone; the page streams it as 16 kHz PCM through
 * the server's relay to test/harness/fake-funasr.ts, a stand-in that speaks FunASR's 2-pass
 * protocol and answers scripted sentences (no Mandarin ASR weights can be installed here). The
 * partial text shows while speaking, each corrected sentence becomes the host's line and is
 * scored (the report finds the risky promise, the fillers count); the opt-in recording of the
 * same voice plays in sync in replay.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, startStream, WAIT, type Studio } from '../../bench/lib/scene-probe.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { startFakeFunAsr, type FakeFunAsr } from '../harness/fake-funasr.js';

const MIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/voice/pauses.wav');
const SCRIPT = ['嗯，各位好，那个，今天聊基金定投', '这只基金稳赚不赔，保本保收益'];

let browser: Browser;
let studio: Studio;
let fake: FakeFunAsr;
/** The stream's session (the demo room reopens as a new session when it ends). */
let sessionId: string;

beforeAll(async () => {
  const launching = launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${MIC}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  launching.catch(() => undefined);
  fake = await startFakeFunAsr(SCRIPT);
  await ensureClientBuilt();
  browser = await launching;
  studio = await openStudio(browser, { viewers: 0, server: { asr: { url: fake.url } } });
  await startStream(studio.page);
  sessionId = studio.server.demo!.sessionId;
});

afterAll(async () => {
  await studio?.close();
  await browser?.close();
  await fake?.close();
});

const hostLines = () =>
  studio.server.store.readEvents(sessionId).flatMap((e) => (e.type === 'host.said' ? [e.text] : []));

describe('speech recognition through the server (FunASR stand-in)', () => {
  it('records the voice only after consent, with a visible badge', async () => {
    const page = studio.page;
    expect(await page.locator('[data-testid=voice-recording]').count()).toBe(0);
    await page.click('[data-testid=voice-record-toggle]');
    await page.waitForSelector('[data-testid=voice-record-consent]', WAIT);
    await page.click('[data-testid=voice-record-consent-yes]');
    await page.waitForSelector('[data-testid=voice-recording]', WAIT);
    await page.click('[data-testid=voice-meter-toggle]');
  });

  it('shows partial text while speaking, then says each sentence as the host', async () => {
    const page = studio.page;
    const mic = page.locator('[data-testid=mic-button]');
    await expect(mic.getAttribute('data-recognizer')).resolves.toBe('funasr');
    await mic.click();
    // A partial: part of the first scripted sentence, before it is complete.
    await page.waitForFunction(
      (first: string) => {
        const t = document.querySelector('[data-testid=mic-interim]')?.textContent ?? '';
        return t.length > 0 && t !== first && first.startsWith(t);
      },
      SCRIPT[0]!,
      WAIT,
    );
    const caption = page.locator('[data-testid=caption-line][data-who=host] [data-testid=caption-text]');
    await page.waitForFunction(
      (text) =>
        document.querySelector('[data-testid=caption-line][data-who=host] [data-testid=caption-text]')?.textContent ===
        text,
      SCRIPT[0],
      WAIT,
    );
    await expect(caption.textContent()).resolves.toBe(SCRIPT[0]);
    // Debian's Chromium has no Chinese voice: the server's espeak-ng speaks the line, the note
    // says so in the interface language, and the mouth moves on its syllable timings.
    await expect(page.locator('[data-testid=voice-note]').getAttribute('data-mode')).resolves.toBe('server');
    await expect(page.locator('[data-testid=voice-note]').textContent()).resolves.toContain('服务器离线合成');
    // The audio is asked for once its timings came back (host.json, then host.wav): wait for it.
    const heard = Date.now() + WAIT.timeout;
    while (!studio.requested.some((u) => u.includes('/api/voice/host.wav?text=')) && Date.now() < heard)
      await new Promise((r) => setTimeout(r, 100));
    expect(studio.requested.some((u) => u.includes('/api/voice/host.wav?text='))).toBe(true);
    await page.waitForFunction(() => (window.__branchcast?.host?.mouthPeak ?? 0) > 0.3, null, WAIT);
    // The second sentence closes at the end of the file's speech.
    const deadline = Date.now() + WAIT.timeout;
    while (!hostLines().includes(SCRIPT[1]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(hostLines().slice(0, 2)).toEqual(SCRIPT);
    expect(fake.inits[0]).toMatchObject({ mode: '2pass', wav_format: 'pcm', audio_fs: 16000 });
    expect(fake.audioBytes()).toBeGreaterThan(32_000 * 5);
    await mic.click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=mic-button]')?.className.includes('primary') === false,
      null,
      WAIT,
    );
  });

  it('scores the recognised lines: the promise is found, the fillers are counted', async () => {
    const page = studio.page;
    // At least one recorded chunk is stored before recording stops.
    const deadline = Date.now() + WAIT.timeout;
    while ((studio.server.voice.list(sessionId)[0]?.bytes ?? 0) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    await page.click('[data-testid=voice-record-stop]');
    await page.click('[data-testid=control-end]');
    await page.click('[data-testid=end-confirm-yes]'); // ending asks first
    await page.waitForSelector('[data-testid=report-page]', WAIT);
    const text = (await page.locator('[data-testid=report-page]').textContent()) ?? '';
    expect(text).toContain('稳赚不赔');
    expect(text).toMatch(/口头禅 [1-9]\d* 次/);
    expect(studio.pageErrors).toEqual([]);
  });

  it('plays the recorded voice in replay, in sync with the playhead', async () => {
    const page = studio.page;
    const take = studio.server.voice.list(sessionId)[0]!;
    const events = studio.server.store.readEvents(sessionId);
    const at = events.find((e) => e.t >= take.startT + 1000) ?? events.at(-1)!;
    await page.goto(`http://127.0.0.1:${studio.server.port}/replay/${sessionId}?seq=${at.seq}`);
    await page.waitForSelector('[data-testid=replay-voice-audio]', { ...WAIT, state: 'attached' });
    await page.waitForSelector('[data-testid=replay-voice][data-pace]', WAIT);
    await page.click('[data-testid=play-toggle]');
    const state = () =>
      page.evaluate(() => {
        const a = document.querySelector<HTMLAudioElement>('[data-testid=replay-voice-audio]')!;
        const s = window.__branchcast!.store.getState();
        return { paused: a.paused, at: a.currentTime, ready: a.readyState, error: a.error?.code, t: s.replayT };
      });
    await page
      .waitForFunction(
        () => {
          const a = document.querySelector<HTMLAudioElement>('[data-testid=replay-voice-audio]');
          return !!a && !a.paused && a.currentTime > 0.2;
        },
        null,
        { ...WAIT, timeout: 60_000 },
      )
      .catch(async (e: unknown) => {
        const stored = studio.server.voice.audio(sessionId, take.id);
        throw new Error(
          `${String(e)}; audio ${JSON.stringify(await state())}, take ${JSON.stringify({ ...take, chunkHashes: take.chunkHashes.length })}, stored ${stored?.length} ${stored ? [...stored.subarray(0, 4)].join(',') : ''}`,
        );
      });
    // In sync: the audio's position is the playhead's distance from the take's start.
    const drift = await page.evaluate((startT) => {
      const a = document.querySelector<HTMLAudioElement>('[data-testid=replay-voice-audio]')!;
      const t = window.__branchcast!.store.getState().replayT;
      return Math.abs(a.currentTime - (t - startT) / 1000);
    }, take.startT);
    expect(drift).toBeLessThan(2);
  });
});
