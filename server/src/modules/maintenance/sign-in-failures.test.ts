import { describe, expect, it } from 'vitest';
import { AFTER_SUCCESSFUL_SIGN_IN, afterFailedSignIn, LOCK_DURATION_MS, MAX_FAILED_SIGN_INS } from '../auth/lockout';
import { isStaleSignInFailure, SIGN_IN_FAILURE_RETENTION_MS, signInFailureCutoff } from './sign-in-failures';

const now = new Date('2026-12-03T02:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const DAY_MS = 24 * 60 * 60 * 1000;

describe('signInFailureCutoff', () => {
  it('lies a day past the lockout window before now', () => {
    expect(SIGN_IN_FAILURE_RETENTION_MS).toBe(LOCK_DURATION_MS + DAY_MS);
    expect(signInFailureCutoff(now)).toEqual(ago(LOCK_DURATION_MS + DAY_MS));
    expect(() => signInFailureCutoff(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isStaleSignInFailure', () => {
  const cutoff = signInFailureCutoff(now);

  it('keeps a row changed at or after the cutoff, locked or not', () => {
    expect(isStaleSignInFailure({ updatedAt: cutoff, lockedUntil: null }, cutoff)).toBe(false);
    expect(isStaleSignInFailure({ updatedAt: ago(60_000), lockedUntil: null }, cutoff)).toBe(false);
    expect(isStaleSignInFailure({ updatedAt: ago(60_000), lockedUntil: ago(-LOCK_DURATION_MS) }, cutoff)).toBe(false);
  });

  it('deletes a row last changed before the cutoff whose lock (if any) ran out before it too', () => {
    const old = new Date(cutoff.getTime() - 1);
    expect(isStaleSignInFailure({ updatedAt: old, lockedUntil: null }, cutoff)).toBe(true);
    expect(isStaleSignInFailure({ updatedAt: old, lockedUntil: new Date(old.getTime() + 1) }, cutoff)).toBe(false);
    expect(isStaleSignInFailure({ updatedAt: ago(3 * DAY_MS), lockedUntil: ago(2 * DAY_MS) }, cutoff)).toBe(true);
  });

  it('never deletes a lock that is still in force, nor one that ran out within the last day', () => {
    const lockedBy = (at: Date) => {
      let state = AFTER_SUCCESSFUL_SIGN_IN;
      for (let n = 0; n < MAX_FAILED_SIGN_INS; n++) state = afterFailedSignIn(state, at);
      return { updatedAt: at, ...state };
    };
    expect(isStaleSignInFailure(lockedBy(ago(60_000)), cutoff)).toBe(false);
    // Changed before the cutoff, but its lock ran out less than a day ago.
    const recent = lockedBy(new Date(cutoff.getTime() - 1));
    expect(recent.lockedUntil).toEqual(new Date(cutoff.getTime() - 1 + LOCK_DURATION_MS));
    expect(isStaleSignInFailure(recent, cutoff)).toBe(false);
    // Its lock ran out more than a day ago: the row counts like no row (the count starts again).
    const old = lockedBy(new Date(cutoff.getTime() - LOCK_DURATION_MS - 1));
    expect(isStaleSignInFailure(old, cutoff)).toBe(true);
    expect(afterFailedSignIn(old, now)).toEqual(afterFailedSignIn(AFTER_SUCCESSFUL_SIGN_IN, now));
  });
});
