/**
 * The HTML export as a blob: URL. The join code that lets a trainee read their own report goes in
 * a request header (withCode), never in a link's query, where it would land in the browser's
 * history, a proxy's log and a Referer. A facilitator's cookie goes along by itself.
 */
import { useEffect, useState } from 'react';
import { withCode } from '../net/api.js';

export function useExportLink(sessionId: string, lang: 'zh' | 'en'): { href: string | null; name: string } {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    setHref(null);
    fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report.html?lang=${lang}`, withCode(sessionId))
      .then(async (r) => {
        if (!r.ok) throw new Error(r.statusText);
        const blob = await r.blob();
        if (!live) return;
        url = URL.createObjectURL(blob);
        setHref(url);
      })
      .catch(() => undefined); // the link stays disabled; the report itself shows its own error
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sessionId, lang]);
  return { href, name: `report-${sessionId.slice(0, 8)}-${lang}.html` };
}
