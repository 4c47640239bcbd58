/**
 * What the i18n checks of browser tests read: the interface's own words on a page, with the data
 * (names, scenario text, chat, charts…) cut out, so "no Chinese left" can be asserted in English.
 */
import type { Page } from 'playwright-core';

/** CJK ideographs, full-width forms and CJK punctuation. */
export const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

/**
 * innerText of `selector` without the elements matching any of `dataSelectors`. Measured on an
 * off-screen copy (innerText needs layout), so the page itself is left as it is.
 */
export async function chromeText(p: Page, selector: string, dataSelectors: readonly string[]): Promise<string> {
  return p.evaluate(
    ({ sel, data }) => {
      const root = document.querySelector(sel);
      if (!root) throw new Error(`${sel} is not on the page`);
      const copy = root.cloneNode(true) as HTMLElement;
      for (const el of copy.querySelectorAll(data.join(','))) el.remove();
      const host = document.createElement('div');
      host.style.cssText = 'position:absolute;left:-10000px;top:0;width:1200px';
      host.appendChild(copy);
      document.body.appendChild(host);
      const text = copy.innerText;
      host.remove();
      return text;
    },
    { sel: selector, data: [...dataSelectors] },
  );
}
