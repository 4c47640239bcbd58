/**
 * Debian's Chromium for the browser tests, with SwiftShader WebGL and no background network.
 * A missing browser is a failure with the fix in the message, never a skipped test.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: e.g. a WAV file as the microphone (test/e2e/voice-mic.test.ts). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROME)) {
    throw new Error(
      `Chromium not found at ${CHROME}. Install Debian's chromium (apt-get install chromium fonts-noto-cjk) or set CHROME_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROME,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
