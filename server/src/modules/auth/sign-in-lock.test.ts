import { describe, expect, it } from 'vitest';
import { ALL_ADDRESSES, signInLock } from './sign-in-lock';

const now = new Date('2026-12-03T02:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const row = (clientHash: string, lockedUntil: Date | null, failedAttempts = 5) => ({
  clientHash,
  failedAttempts,
  lockedUntil,
});

describe('signInLock', () => {
  it('finds no lock without rows, with counts below the limit, or when every lock has run out', () => {
    expect(signInLock([], now)).toBeUndefined();
    expect(signInLock([row(ALL_ADDRESSES, null, 3), row('a', null, 3)], now, 'a')).toBeUndefined();
    expect(signInLock([row(ALL_ADDRESSES, minutes(-1)), row('a', now)], now)).toBeUndefined();
  });

  it('for a sign-in, counts the all-addresses row and that address’s row only', () => {
    const rows = [row(ALL_ADDRESSES, null, 7), row('a', minutes(10)), row('b', minutes(14))];
    expect(signInLock(rows, now, 'a')?.lockedUntil).toEqual(minutes(10));
    expect(signInLock(rows, now, 'c')).toBeUndefined();
    const everywhere = [row(ALL_ADDRESSES, minutes(5), 50), row('b', minutes(14))];
    expect(signInLock(everywhere, now, 'c')).toMatchObject({ clientHash: ALL_ADDRESSES, lockedUntil: minutes(5) });
    expect(signInLock(everywhere, now, 'b')?.lockedUntil).toEqual(minutes(14));
  });

  it('for an administrator, is the latest lock on any address', () => {
    const rows = [row(ALL_ADDRESSES, null, 7), row('a', minutes(10)), row('b', minutes(14)), row('c', minutes(-3))];
    expect(signInLock(rows, now)).toMatchObject({ clientHash: 'b', lockedUntil: minutes(14) });
    expect(signInLock([row('c', minutes(-3)), row(ALL_ADDRESSES, minutes(2), 50)], now)?.clientHash).toBe(
      ALL_ADDRESSES,
    );
  });
});
