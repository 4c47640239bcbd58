/**
 * The trainee's microphone analysed in the browser: Chromium takes an espeak-ng Mandarin WAV
 * (test/fixtures/voice/mic.wav: speech, a 0.7 s pause, 6 s of silence, speech) as its microphone.
 * The HUD shows speaking, the dead-air cue fires in the long silence, and voice.sample events with
 * the figures (no audio) are in the recording, and the report charts pace and pauses.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../core/events.js';
import { openStudio, startStream, WAIT, type Studio } from '../../bench/lib/scene-probe.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';

const MIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/voice/mic.wav');

let browser: Browser;
let studio: Studio;

beforeAll(async () => {
  const launching = launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${MIC}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  launching.catch(() => undefined);
  await ensureClientBuilt();
  browser = await launching;
  studio = await openStudio(browser, { viewers: 0 });
  await startStream(studio.page);
});

afterAll(async () => {
  await studio?.close();
  await browser?.close();
});

const samples = () =>
  studio.server.store
    .readEvents(studio.server.demo!.sessionId)
    .filter((e): e is EventOf<'voice.sample'> => e.type === 'voice.sample');

describe('voice analysis from the microphone', () => {
  it('shows the host speaking while the file speaks', async () => {
    await studio.page.click('[data-testid=voice-meter-toggle]');
    await studio.page.waitForSelector('[data-testid=voice-speaking][data-speaking=true]', WAIT);
  });

  it('calls dead air in the long silence', async () => {
    await studio.page.waitForSelector('[data-testid=score-nudge][data-kind=deadAir]', WAIT);
    await expect(studio.page.locator('[data-testid=score-nudge][data-kind=deadAir]').textContent()).resolves.toContain(
      '冷场',
    );
  });

  it('records voice.sample figures: speech with syllables, and the silence', async () => {
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      !samples().some((s) => s.silenceMs >= 5000 || s.pauses.some((p) => p.endMs - p.startMs >= 5000))
    ) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const got = samples();
    expect(got.length).toBeGreaterThan(0);
    expect(got.some((s) => s.speechMs > 0 && s.syllables > 0)).toBe(true);
    expect(got.some((s) => s.silenceMs >= 5000 || s.pauses.some((p) => p.endMs - p.startMs >= 5000))).toBe(true);
    expect(got.every((s) => s.actor.role === 'trainee')).toBe(true);
    expect(studio.pageErrors).toEqual([]);
  });

  it('ends with a report that charts pace and pauses and scores delivery from the voice', async () => {
    await studio.page.click('[data-testid=control-end]');
    await studio.page.click('[data-testid=end-confirm-yes]'); // ending asks first
    await studio.page.waitForSelector('[data-testid=report-page]', WAIT);
    await studio.page.waitForSelector('[data-testid=report-voice]', WAIT);
    await expect(studio.page.locator('[data-testid=report-page]').textContent()).resolves.toContain('语音实测');
  });
});
