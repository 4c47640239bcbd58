/**
 * Choosing each category's threshold and veto on dev: first the best F1 per category, then,
 * while more than `maxCompliantRate` of dev's compliant items are flagged, the single change that
 * unflags compliant items at the least cost in micro-F1 (issue 13 aims at ≤ 5 % flagged).
 * Deterministic: fixed iteration order, strict comparisons.
 */
export interface DevExample {
  readonly y: Uint8Array;
  readonly rules: Uint8Array;
}

export interface OperatingPoint {
  readonly threshold: number[];
  readonly veto: number[];
  readonly micro: number;
  readonly compliantRate: number;
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
}

export function pickOperatingPoint(
  probs: readonly Float64Array[],
  dev: readonly DevExample[],
  nCat: number,
  thresholds: readonly number[],
  vetoes: readonly number[],
  maxCompliantRate: number,
): OperatingPoint {
  const combos: [number, number][] = [];
  for (const t of thresholds) for (const v of vetoes) combos.push([t, v]);
  const fires = (k: number, c: number, i: number): boolean => {
    const [t, v] = combos[c] as [number, number];
    const p = (probs[i] as Float64Array)[k] as number;
    return p >= t || ((dev[i] as DevExample).rules[k] === 1 && p >= v);
  };
  // counts[k][c] = [tp, fp, fn]
  const counts: [number, number, number][][] = [];
  for (let k = 0; k < nCat; k++) {
    const row: [number, number, number][] = [];
    for (let c = 0; c < combos.length; c++) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (let i = 0; i < dev.length; i++) {
        const fire = fires(k, c, i);
        const y = (dev[i] as DevExample).y[k] === 1;
        if (fire && y) tp++;
        else if (fire) fp++;
        else if (y) fn++;
      }
      row.push([tp, fp, fn]);
    }
    counts.push(row);
  }
  const pick: number[] = [];
  for (let k = 0; k < nCat; k++) {
    let best = 0;
    for (let c = 1; c < combos.length; c++) {
      const [a, b, d] = (counts[k] as [number, number, number][])[c] as [number, number, number];
      const [a0, b0, d0] = (counts[k] as [number, number, number][])[best] as [number, number, number];
      if (f1(a, b, d) > f1(a0, b0, d0) + 1e-12) best = c;
    }
    pick.push(best);
  }
  const compliant: number[] = [];
  for (let i = 0; i < dev.length; i++) if ((dev[i] as DevExample).y.every((x) => x === 0)) compliant.push(i);
  const micro = (p: readonly number[]): number => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let k = 0; k < nCat; k++) {
      const [a, b, d] = (counts[k] as [number, number, number][])[p[k] as number] as [number, number, number];
      tp += a;
      fp += b;
      fn += d;
    }
    return f1(tp, fp, fn);
  };
  const flagged = (p: readonly number[]): number =>
    compliant.filter((i) => {
      for (let k = 0; k < nCat; k++) if (fires(k, p[k] as number, i)) return true;
      return false;
    }).length;
  let nowFlagged = flagged(pick);
  let nowMicro = micro(pick);
  while (compliant.length > 0 && nowFlagged / compliant.length > maxCompliantRate) {
    let bestMove: { k: number; c: number; cost: number; flagged: number; micro: number } | undefined;
    for (let k = 0; k < nCat; k++)
      for (let c = 0; c < combos.length; c++) {
        if (c === pick[k]) continue;
        const trial = [...pick];
        trial[k] = c;
        const fl = flagged(trial);
        if (fl >= nowFlagged) continue;
        const mi = micro(trial);
        const cost = (nowMicro - mi) / (nowFlagged - fl);
        if (bestMove === undefined || cost < bestMove.cost - 1e-12) bestMove = { k, c, cost, flagged: fl, micro: mi };
      }
    if (bestMove === undefined) break;
    pick[bestMove.k] = bestMove.c;
    nowFlagged = bestMove.flagged;
    nowMicro = bestMove.micro;
  }
  return {
    threshold: pick.map((c) => (combos[c] as [number, number])[0]),
    veto: pick.map((c) => (combos[c] as [number, number])[1]),
    micro: nowMicro,
    compliantRate: compliant.length === 0 ? 0 : nowFlagged / compliant.length,
  };
}
