import { beijingClock } from './beijing-time';

/**
 * Staff sign-in failures are counted per typed username, for each client address and for all addresses
 * together, the same way whether the name exists or not (so the answers cannot tell names apart):
 * - from one address, MAX_FAILED_SIGN_INS wrong passwords in a row lock that address out of that name for
 *   LOCK_DURATION_MS: someone guessing elsewhere cannot lock a colleague out of their own desk;
 * - from all addresses together, only MAX_FAILED_SIGN_INS_PER_NAME lock the name for everyone: a guess spread
 *   over many addresses is still stopped, but locking someone out takes far more than five tries;
 * - before the lock, each wrong password from an address is answered a little later than the one before
 *   (`failureDelayMs`), so a patient guesser gets few tries per minute.
 * A right password clears the name's count and that address's.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const MAX_FAILED_SIGN_INS_PER_NAME = 50;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
/** The slow-down stops growing here: an answer is never later than this many delay steps. */
const MAX_DELAY_STEPS = 4;

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after one more wrong password. Failures count from zero again once a lock has run out; the
 * `limit`-th consecutive one (the fifth, by default) locks for 15 minutes.
 */
export function afterFailedSignIn(state: LockState, now: Date, limit = MAX_FAILED_SIGN_INS): LockState {
  const lockRanOut = state.lockedUntil !== null && !isLocked(state, now);
  const failedAttempts = (lockRanOut ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= limit) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) };
  }
  return { failedAttempts, lockedUntil: lockRanOut ? null : state.lockedUntil };
}

/** How long to hold back the answer to the n-th wrong password in a row: none for the first, then a step more each. */
export function failureDelayMs(failedAttempts: number, stepMs: number): number {
  return stepMs * Math.min(Math.max(failedAttempts - 1, 0), MAX_DELAY_STEPS);
}

/** The later of the locks in force, if any. */
export function lockInForce(states: readonly LockState[], now: Date): LockState | undefined {
  const locked = states.filter((state) => isLocked(state, now));
  return locked.sort((a, b) => (b.lockedUntil as Date).getTime() - (a.lockedUntil as Date).getTime())[0];
}

export const AFTER_SUCCESSFUL_SIGN_IN: LockState = { failedAttempts: 0, lockedUntil: null };

export function lockedMessage(lockedUntil: Date, now: Date): string {
  return `密码错误次数过多，账号已锁定，请于 ${beijingClock(lockedUntil, now)} 后再试`;
}
