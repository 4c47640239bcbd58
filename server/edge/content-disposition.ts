/**
 * Content-Disposition per RFC 6266 / RFC 8187: a plain-ASCII `filename` fallback with anything
 * unsafe replaced (quotes, backslashes, control characters, path separators), and the real name
 * as UTF-8 in `filename*`. A scenario id from an imported file can no longer break the header.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
