import { describe, expect, it } from 'vitest';
import { beijingClock } from './beijing-time';
import { AFTER_SUCCESSFUL_SIGN_IN, afterFailedSignIn, isLocked, LOCK_DURATION_MS, lockedMessage } from './lockout';

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
