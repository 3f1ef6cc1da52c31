import { beijingClock } from './beijing-time';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The account's state after one more wrong password. Failures count from zero again once a lock has run
 * out; the fifth consecutive one locks the account for 15 minutes.
 */
export function afterFailedSignIn(state: LockState, now: Date): LockState {
  const lockRanOut = state.lockedUntil !== null && !isLocked(state, now);
  const failedAttempts = (lockRanOut ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= MAX_FAILED_SIGN_INS) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) };
  }
  return { failedAttempts, lockedUntil: lockRanOut ? null : state.lockedUntil };
}

export const AFTER_SUCCESSFUL_SIGN_IN: LockState = { failedAttempts: 0, lockedUntil: null };

export function lockedMessage(lockedUntil: Date, now: Date): string {
  return `密码错误次数过多，账号已锁定，请于 ${beijingClock(lockedUntil, now)} 后再试`;
}
