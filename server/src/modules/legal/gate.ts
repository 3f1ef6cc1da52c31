import { AppError } from '../../lib/app-error';

/**
 * A per-process limit on booking attempts in flight. When a slot opens, hundreds of people may tap 预约 in the
 * same second; each attempt needs a database connection, and the pool (10 connections, a bounded wait queue)
 * would answer the overflow with 503. Attempts beyond the limit wait here in arrival order instead (bounded
 * too), so the rush gets fair SLOT_FULL answers and other routes keep their connections. The database's
 * conditional UPDATE stays the guarantee against overbooking; this only shapes the load, holds no data, and
 * works the same with any number of API instances.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('SERVICE_UNAVAILABLE', '预约人数较多，请稍后再试');
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

/**
 * The gate for one API process: booking transactions may use all but 4 of the pool's connections (so sign-in,
 * lists and the jobs keep working during a rush), at least 1; up to 2000 attempts wait their turn.
 */
export function bookingGate(poolSize: number): Gate {
  return new Gate(Math.max(1, poolSize - 4), 2000);
}
