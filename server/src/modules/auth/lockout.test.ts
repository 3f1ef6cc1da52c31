import { describe, expect, it } from 'vitest';
import { beijingClock } from './beijing-time';
import {
  AFTER_SUCCESSFUL_SIGN_IN,
  afterFailedSignIn,
  failureDelayMs,
  isLocked,
  LOCK_DURATION_MS,
  lockedMessage,
  lockInForce,
  MAX_FAILED_SIGN_INS_PER_NAME,
} from './lockout';

const now = new Date('2026-03-10T07:27:00Z'); // 15:27 in Beijing

describe('staff sign-in lockout', () => {
  it('counts the first four failures without locking', () => {
    let state = AFTER_SUCCESSFUL_SIGN_IN;
    for (let attempt = 1; attempt <= 4; attempt++) {
      state = afterFailedSignIn(state, now);
      expect(state).toEqual({ failedAttempts: attempt, lockedUntil: null });
      expect(isLocked(state, now)).toBe(false);
    }
  });

  it('locks for 15 minutes on the fifth consecutive failure', () => {
    const state = afterFailedSignIn({ failedAttempts: 4, lockedUntil: null }, now);
    expect(state.failedAttempts).toBe(5);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_DURATION_MS);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + LOCK_DURATION_MS))).toBe(false);
  });

  it('starts counting again once the lock has run out', () => {
    const expired = { failedAttempts: 5, lockedUntil: new Date(now.getTime() - 1000) };
    expect(afterFailedSignIn(expired, now)).toEqual({ failedAttempts: 1, lockedUntil: null });
  });

  it('locks a name overall only at its own, much higher limit', () => {
    const state = afterFailedSignIn({ failedAttempts: 4, lockedUntil: null }, now, MAX_FAILED_SIGN_INS_PER_NAME);
    expect(state).toEqual({ failedAttempts: 5, lockedUntil: null });
    const last = { failedAttempts: MAX_FAILED_SIGN_INS_PER_NAME - 1, lockedUntil: null };
    expect(isLocked(afterFailedSignIn(last, now, MAX_FAILED_SIGN_INS_PER_NAME), now)).toBe(true);
  });

  it('holds back each further failure one step more, up to four steps', () => {
    expect([1, 2, 3, 4, 5, 9].map((failures) => failureDelayMs(failures, 250))).toEqual([0, 250, 500, 750, 1000, 1000]);
  });

  it('reports the later of the locks in force', () => {
    const soon = { failedAttempts: 5, lockedUntil: new Date(now.getTime() + 1000) };
    const later = { failedAttempts: 50, lockedUntil: new Date(now.getTime() + 9000) };
    const over = { failedAttempts: 5, lockedUntil: new Date(now.getTime() - 1000) };
    expect(lockInForce([soon, later, over], now)).toBe(later);
    expect(lockInForce([over, AFTER_SUCCESSFUL_SIGN_IN], now)).toBeUndefined();
  });

  it('says until when the account is locked, in Beijing time', () => {
    const until = new Date(now.getTime() + LOCK_DURATION_MS);
    expect(lockedMessage(until, now)).toBe('密码错误次数过多，账号已锁定，请于 15:42 后再试');
  });
});

describe('beijingClock', () => {
  it('shows the time alone today, 明天 tomorrow and the date further away', () => {
    const lateEvening = new Date('2026-03-10T15:50:00Z'); // 23:50 in Beijing
    expect(beijingClock(new Date('2026-03-10T15:55:00Z'), lateEvening)).toBe('23:55');
    expect(beijingClock(new Date('2026-03-10T16:05:00Z'), lateEvening)).toBe('明天 00:05');
    expect(beijingClock(new Date('2026-03-12T01:00:00Z'), lateEvening)).toBe('3月12日 09:00');
  });
});
