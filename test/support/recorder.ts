// Records events and lets a test wait for one that matches, instead of sleeping.
export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push = (item: T): void => {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(item);
      }
    }
  };

  /** The first recorded item (past or future) that matches. */
  next(match: (item: T) => boolean, from = 0): Promise<T> {
    const found = this.items.slice(from).find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Waits until `count` items match. */
  async count(match: (item: T) => boolean, count: number): Promise<T[]> {
    while (this.items.filter(match).length < count) await new Promise<T>((resolve) => this.waiters.push({ match, resolve }));
    return this.items.filter(match);
  }
}
