/**
 * Screenshots that browser tests take for the docs. A run writes them to test/artifacts/
 * (git-ignored), so `npm test` leaves the checkout clean; with UPDATE_DOCS_IMAGES=1 the same image
 * also replaces the tracked one in docs/images/, for a deliberate refresh of the README's pictures.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS_DIR = join(ROOT, 'test', 'artifacts');
export const DOCS_IMAGES_DIR = join(ROOT, 'docs', 'images');

/** Screenshot the page as test/artifacts/NAME, and as docs/images/NAME when UPDATE_DOCS_IMAGES=1. */
export async function saveDocsScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, name);
  await page.screenshot({ path });
  if (process.env.UPDATE_DOCS_IMAGES === '1') {
    mkdirSync(DOCS_IMAGES_DIR, { recursive: true });
    copyFileSync(path, join(DOCS_IMAGES_DIR, name));
  }
  return path;
}
