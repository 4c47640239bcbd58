/** Rounding helpers. Prices are yuan rounded to a tick; money is integer fen. */

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

function pow10(decimals: number): number {
  return POW10[decimals] ?? 10 ** decimals;
}

/** Nearest multiple of 10^-decimals. */
export function roundTo(x: number, decimals: number): number {
  const f = pow10(decimals);
  return Math.round(x * f) / f;
}

/** Smallest multiple of 10^-decimals ≥ x (a buyer pays up to the next tick). */
export function ceilTo(x: number, decimals: number): number {
  const f = pow10(decimals);
  // The epsilon stops 10.1 * 100 = 1009.9999999999999 from rounding up a whole tick.
  return Math.ceil(x * f - 1e-7) / f;
}

/** Largest multiple of 10^-decimals ≤ x. */
export function floorTo(x: number, decimals: number): number {
  const f = pow10(decimals);
  return Math.floor(x * f + 1e-7) / f;
}

/** True if x is (to float precision) a whole number of 10^-decimals steps. */
export function onStep(x: number, decimals: number): boolean {
  const s = x * pow10(decimals);
  return Math.abs(s - Math.round(s)) < 1e-6;
}

/** Yuan to integer fen. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Fen to a yuan string with two decimals, for messages: 1234567 -> "12,345.67". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  // Thousands separators by hand: toLocaleString goes through Intl and is slow on a hot path.
  return `${sign}${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Quantities: shares are integers, fund units have two decimals; re-round after arithmetic. */
export function roundQty(x: number): number {
  return Math.round(x * 100) / 100;
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}
