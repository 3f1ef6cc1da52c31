import { describe, expect, it } from 'vitest';
import { checkCode, DAY_MS, decideSend, HOUR_MS, SMS_LIMITS, tooFrequentMessage } from './rules';

const now = new Date('2026-03-10T07:00:00Z'); // 15:00 in Beijing
const ago = (ms: number) => new Date(now.getTime() - ms);
/** `count` sends, the newest `newestAgo` ms ago and one every `step` ms before that (newest first). */
const sends = (count: number, newestAgo: number, step: number) =>
  Array.from({ length: count }, (_, index) => ago(newestAgo + index * step));

describe('decideSend', () => {
  it('allows the first code', () => {
    expect(decideSend({ phoneSends: [], ipSends: [] }, now)).toEqual({ allowed: true });
  });

  it('asks for 60 seconds between codes to one phone', () => {
    const decision = decideSend({ phoneSends: [ago(15_000)], ipSends: [ago(15_000)] }, now);
    expect(decision).toEqual({ allowed: false, retryAt: new Date(now.getTime() + 45_000) });
    expect(decideSend({ phoneSends: [ago(60_000)], ipSends: [] }, now).allowed).toBe(true);
  });

  it('allows ten codes a day per phone, until the oldest of them is a day old', () => {
    const tenToday = sends(10, 10 * 60_000, HOUR_MS);
    const decision = decideSend({ phoneSends: tenToday, ipSends: [] }, now);
    expect(decision).toEqual({ allowed: false, retryAt: new Date((tenToday[9] as Date).getTime() + DAY_MS) });
    expect(decideSend({ phoneSends: sends(10, 10 * 60_000, 3 * HOUR_MS), ipSends: [] }, now).allowed).toBe(true);
  });

  it('allows twenty codes an hour per IP address', () => {
    const twenty = sends(SMS_LIMITS.perIpPerHour, 2 * 60_000, 60_000);
    const decision = decideSend({ phoneSends: [], ipSends: twenty }, now);
    expect(decision).toEqual({ allowed: false, retryAt: new Date((twenty[19] as Date).getTime() + HOUR_MS) });
    expect(decideSend({ phoneSends: [], ipSends: twenty.slice(1) }, now).allowed).toBe(true);
  });

  it('waits for the latest of several limits', () => {
    const decision = decideSend({ phoneSends: [ago(1000)], ipSends: sends(20, 1000, 60_000) }, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAt.getTime()).toBeGreaterThan(now.getTime() + 60_000);
  });
});

describe('tooFrequentMessage', () => {
  it('counts seconds for a short wait and shows Beijing time for a long one', () => {
    expect(tooFrequentMessage(new Date(now.getTime() + 44_200), now)).toBe('验证码发送过于频繁，请 45 秒后再试');
    expect(tooFrequentMessage(new Date(now.getTime() + 65 * 60_000), now)).toBe(
      '验证码发送次数过多，请于 16:05 后再试',
    );
  });
});

describe('checkCode', () => {
  const fresh = { attempts: 0, expiresAt: new Date(now.getTime() + 60_000), consumedAt: null };

  it('accepts the right code once and refuses a wrong one', () => {
    expect(checkCode(fresh, true, now)).toBe('accepted');
    expect(checkCode(fresh, false, now)).toBe('wrong');
    expect(checkCode({ ...fresh, consumedAt: now }, true, now)).toBe('expired');
  });

  it('treats an expired, used-up or missing code as expired', () => {
    expect(checkCode({ ...fresh, expiresAt: now }, true, now)).toBe('expired');
    expect(checkCode({ ...fresh, attempts: 5 }, true, now)).toBe('expired');
    expect(checkCode({ ...fresh, attempts: 4 }, true, now)).toBe('accepted');
    expect(checkCode(undefined, true, now)).toBe('expired');
  });
});
