/** What the console reads from text a facilitator types: session times and pasted name lists. */

/** "mm:ss" or "m" (minutes) → ms of session time; null when it is not a time. */
export function parseClock(text: string): number | null {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2})(?::(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const [h, a, b] = [m[1], Number(m[2]), m[3]];
  // Seconds (and minutes under hours) stop at 59: "5:75" is a typo, not 6:15.
  if ((b !== undefined && (Number(b) > 59 || a > 59)) || (b === undefined && h !== undefined && a > 59)) return null;
  // "5:30" → 5 min 30 s; "1:05:30" → 1 h 5 min 30 s; "7" → 7 min.
  if (b !== undefined) return ((Number(h ?? 0) * 60 + a) * 60 + Number(b)) * 1000;
  if (h !== undefined) return (Number(h) * 60 + a) * 1000;
  return a * 60_000;
}

/** Names from a pasted list: one per line, or separated by commas / 、 / ; — trimmed, no blanks, no repeats. */
export function parseNames(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n\r,，、;；\t]+/)) {
    const name = raw.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}
