import { beijingClock } from '../beijing-time';

/** How often a code may be sent, counted in `sms_codes` so every API instance sees the same history. */
export const SMS_LIMITS = {
  cooldownMs: 60 * 1000,
  perPhonePerDay: 10,
  perIpPerHour: 20,
} as const;
export const SMS_CODE_TTL_MS = 5 * 60 * 1000;
export const SMS_MAX_WRONG_TRIES = 5;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

export interface SendHistory {
  /** When codes went to this phone in the last 24 hours, newest first. */
  phoneSends: Date[];
  /** When codes were requested from this IP address in the last hour, newest first. */
  ipSends: Date[];
}

export type SendDecision = { allowed: true } | { allowed: false; retryAt: Date };

export type SmsLimits = { [Key in keyof typeof SMS_LIMITS]: number };

/** Whether another code may be sent now, and if not, the earliest moment every limit allows it again. */
export function decideSend(
  { phoneSends, ipSends }: SendHistory,
  now: Date,
  limits: SmsLimits = SMS_LIMITS,
): SendDecision {
  const retryAts: number[] = [];
  const last = phoneSends[0];
  if (last && now.getTime() - last.getTime() < limits.cooldownMs) {
    retryAts.push(last.getTime() + limits.cooldownMs);
  }
  const dayWindow = phoneSends.filter((sent) => now.getTime() - sent.getTime() < DAY_MS);
  if (dayWindow.length >= limits.perPhonePerDay) {
    // The send that has to leave the 24-hour window before there is room for one more.
    const blocking = dayWindow[limits.perPhonePerDay - 1] as Date;
    retryAts.push(blocking.getTime() + DAY_MS);
  }
  const hourWindow = ipSends.filter((sent) => now.getTime() - sent.getTime() < HOUR_MS);
  if (hourWindow.length >= limits.perIpPerHour) {
    const blocking = hourWindow[limits.perIpPerHour - 1] as Date;
    retryAts.push(blocking.getTime() + HOUR_MS);
  }
  if (retryAts.length === 0) return { allowed: true };
  return { allowed: false, retryAt: new Date(Math.max(...retryAts)) };
}

/** `请 45 秒后再试` for a short wait, `请于 16:05 后再试` (Beijing time) for a long one. */
export function tooFrequentMessage(retryAt: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  if (seconds <= 120) return `验证码发送过于频繁，请 ${seconds} 秒后再试`;
  return `验证码发送次数过多，请于 ${beijingClock(retryAt, now)} 后再试`;
}

export interface StoredCode {
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

export type CodeCheck = 'accepted' | 'wrong' | 'expired';

/** A code is good once, for five minutes, and five wrong tries use it up. */
export function checkCode(stored: StoredCode | undefined, matches: boolean, now: Date): CodeCheck {
  if (!stored || stored.consumedAt || stored.attempts >= SMS_MAX_WRONG_TRIES) return 'expired';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  return matches ? 'accepted' : 'wrong';
}
