import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_SENDS, RESEND_AFTER_MS, sendUntilAnswered } from './until-answered';

/** A tab bar that drops what it is told until it has loaded, as Taro's H5 one does. */
function lateTabBar(loadsAfterSends: number) {
  let sends = 0;
  const send = vi.fn(() => {
    sends += 1;
    return sends > loadsAfterSends ? Promise.resolve('hideTabBar:ok') : new Promise<never>(() => undefined);
  });
  return send;
}

describe('sendUntilAnswered', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends again while the tab bar has not loaded, and stops at the first answer', async () => {
    const send = lateTabBar(2);
    sendUntilAnswered(send);
    await vi.advanceTimersByTimeAsync(RESEND_AFTER_MS * 10);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('takes a failure as an answer (no tab bar on this page) and does not retry', async () => {
    const send = vi.fn(() => Promise.reject(new Error('hideTabBar:fail')));
    sendUntilAnswered(send);
    await vi.advanceTimersByTimeAsync(RESEND_AFTER_MS * 10);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('stops when cancelled (the page changed mode or went away)', async () => {
    const send = lateTabBar(Number.POSITIVE_INFINITY);
    const cancel = sendUntilAnswered(send);
    await vi.advanceTimersByTimeAsync(RESEND_AFTER_MS * 2);
    cancel();
    await vi.advanceTimersByTimeAsync(RESEND_AFTER_MS * 10);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after a bounded number of sends', async () => {
    const send = lateTabBar(Number.POSITIVE_INFINITY);
    sendUntilAnswered(send);
    await vi.advanceTimersByTimeAsync(RESEND_AFTER_MS * MAX_SENDS * 2);
    expect(send).toHaveBeenCalledTimes(MAX_SENDS);
  });
});
