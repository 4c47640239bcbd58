/**
 * A min-heap of timed items, ordered by time then by insertion, so two runs that schedule the
 * same things in the same order pop them in the same order (determinism for replay).
 */
export class Schedule<T> {
  private at: number[] = [];
  private order: number[] = [];
  private items: T[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(t: number, item: T): void {
    this.at.push(t);
    this.order.push(this.counter++);
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  /** Time of the earliest item, or Infinity. */
  peekTime(): number {
    return this.items.length ? (this.at[0] as number) : Infinity;
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.swap(0, n - 1);
    this.at.pop();
    this.order.pop();
    this.items.pop();
    if (n > 1) this.down(0);
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.at[i] as number;
    const b = this.at[j] as number;
    return a < b || (a === b && (this.order[i] as number) < (this.order[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.at[i], this.at[j]] = [this.at[j] as number, this.at[i] as number];
    [this.order[i], this.order[j]] = [this.order[j] as number, this.order[i] as number];
    [this.items[i], this.items[j]] = [this.items[j] as T, this.items[i] as T];
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
