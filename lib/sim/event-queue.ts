/**
 * A priority queue ordered by time, then priority, then insertion, so that
 * events at the same instant always run in the same order: the simulator's
 * determinism rests on it.
 */
export class EventQueue<T> {
  private items: { time: number; priority: number; order: number; item: T }[] = [];
  private inserted = 0;

  push(time: number, priority: number, item: T): void {
    const entry = { time, priority, order: this.inserted++, item };
    let index = this.items.length;
    while (index > 0 && compare(this.items[index - 1]!, entry) > 0) index--;
    this.items.splice(index, 0, entry);
  }

  pop(): { time: number; item: T } | undefined {
    const entry = this.items.shift();
    return entry && { time: entry.time, item: entry.item };
  }

  get size(): number {
    return this.items.length;
  }
}

function compare(a: { time: number; priority: number; order: number }, b: { time: number; priority: number; order: number }): number {
  return a.time - b.time || a.priority - b.priority || a.order - b.order;
}
