/**
 * The server's local time for people (issue 17 pt 7): a trainer's spreadsheet shows the clock on
 * the wall of the training room, not UTC with a Z. The zone is the server's (TZ or the system's).
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-mm-dd hh:mm:ss` in the server's zone: Excel reads it as a date and time. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "Asia/Shanghai, UTC+08:00" (the offset at `at`; the name when the runtime knows it). */
export function zoneName(at: number): string {
  const off = -new Date(at).getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const utc = `UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name && name !== 'UTC' && name !== 'Etc/UTC' ? `${name}, ${utc}` : utc;
}
