/**
 * The legal module's clock. Everything time-dependent (cutoffs, "upcoming", reminders, the jobs) reads
 * `legalClock.now()`, so tests can stand at 17:59:59 the day before a slot without waiting. Production never
 * changes it. It is per process and holds no data, so it does not break running many API instances.
 */
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };

export const legalClock: Clock = { now: systemClock.now };

/** Tests: freeze (or script) the clock; `resetLegalClock()` puts the system clock back. */
export function setLegalClock(now: Date | (() => Date)): void {
  legalClock.now = typeof now === 'function' ? now : () => new Date(now.getTime());
}

export function resetLegalClock(): void {
  legalClock.now = systemClock.now;
}
