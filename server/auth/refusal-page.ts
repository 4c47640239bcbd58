/**
 * A refused page is a page (issue 17 pt 6): a browser that opened a report link (…/report.html)
 * or navigated to an API address without the right to see it gets a short HTML page in Chinese
 * and English saying what to do, with the server's technical reason folded away — not raw JSON.
 */
import type { IncomingMessage } from 'node:http';
import type { Denial } from './guard.js';

/** A document the browser shows: a .html route, or a navigation that asked for HTML first. */
export function wantsPage(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (path.endsWith('.html')) return true;
  const accept = String(req.headers.accept ?? '');
  return req.headers['sec-fetch-dest'] === 'document' || /^text\/html/.test(accept);
}

const TEXT = {
  UNAUTHENTICATED: {
    zh: [
      '需要登录或加入码',
      '请以讲师身份登录后再打开此链接；学员请从加入这场演练的浏览器中，用演练结束页面上的链接打开。',
    ],
    en: [
      'Sign-in or join code needed',
      'Sign in as a facilitator, then open this link again; a trainee opens it from the end-of-session page in the browser they joined with.',
    ],
  },
  FORBIDDEN: {
    zh: ['没有权限查看此页面', '你的加入码不属于这场演练，或不允许查看此内容。请向讲师索取正确的链接。'],
    en: [
      'Not allowed to see this page',
      'Your join code belongs to another session or does not allow this. Ask your facilitator for the right link.',
    ],
  },
} as const;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function refusalHtml(d: Denial, lang: 'zh' | 'en'): string {
  const [title, body] = TEXT[d.error][lang];
  const other = lang === 'zh' ? TEXT[d.error].en : TEXT[d.error].zh;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Branchcast</title>
<style>body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:36rem;margin:10vh auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.4rem}p.other{color:#5b6475;font-size:.9rem}details{margin-top:2rem;color:#5b6475;font-size:.85rem}a{color:#2459c7}</style>
</head><body>
<h1 data-testid="refusal-title">${esc(title)}</h1>
<p>${esc(body)}</p>
<p class="other" lang="${lang === 'zh' ? 'en' : 'zh-CN'}">${esc(other[0])} — ${esc(other[1])}</p>
<p><a href="/login">${lang === 'zh' ? '讲师登录' : 'Facilitator sign-in'}</a> · <a href="/">${lang === 'zh' ? '返回大厅' : 'Back to the lobby'}</a></p>
<details><summary>${lang === 'zh' ? '技术细节' : 'Technical detail'}</summary><code>${d.status} ${esc(d.error)}: ${esc(d.message)}</code></details>
</body></html>
`;
}
