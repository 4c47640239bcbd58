/**
 * Downloads as blob: URLs. The join code that lets a trainee read their own report or recording
 * goes in a request header (withCode), never in a link's query, where it would land in the
 * browser's history, a proxy's log and a Referer. A facilitator's cookie goes along by itself.
 */
import { useEffect, useState } from 'react';
import { withCode } from '../net/api.js';

/** A same-origin API path fetched with the session's code; null until it has arrived (or if refused). */
export function useCodedDownload(path: string, sessionId: string): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    setHref(null);
    fetch(path, withCode(sessionId))
      .then(async (r) => {
        if (!r.ok) throw new Error(r.statusText);
        const blob = await r.blob();
        if (!live) return;
        url = URL.createObjectURL(blob);
        setHref(url);
      })
      .catch(() => undefined); // the link stays disabled; the page shows its own error
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path, sessionId]);
  return href;
}

/** The critique report as one HTML file, in the interface language. */
export function useExportLink(sessionId: string, lang: 'zh' | 'en'): { href: string | null; name: string } {
  const href = useCodedDownload(`/api/sessions/${encodeURIComponent(sessionId)}/report.html?lang=${lang}`, sessionId);
  return { href, name: `report-${sessionId.slice(0, 8)}-${lang}.html` };
}

/**
 * Fetch now (with the code in a header) and save under `name`: for pages where the file changes
 * while it is open (the replay's annotations), so a link fetched on opening would be stale.
 */
export async function downloadWithCode(path: string, sessionId: string, name: string): Promise<void> {
  const r = await fetch(path, withCode(sessionId));
  if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
