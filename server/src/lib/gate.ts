import { AppError } from './app-error';

/**
 * A per-process limit on work in flight that needs a database connection. The pool (a few connections and a
 * bounded wait queue) answers overflow with 503; work beyond the limit waits here in arrival order instead
 * (bounded too), so a burst is served in turn. It only shapes load and holds no data, so it works the same with
 * any number of API instances.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
    /** What a caller is told when even the waiting line is full. */
    readonly busyMessage = '系统繁忙，请稍后再试',
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('SERVICE_UNAVAILABLE', this.busyMessage);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `active` stays counted for it.
      if (next) next();
      else this.active -= 1;
    }
  }
}
