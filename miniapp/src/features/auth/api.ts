import Taro from '@tarojs/taro';
import { type PhoneBindResult, phoneBindResultSchema, type Session, sessionSchema } from '@veterans/shared';
import { z } from 'zod';
import { ApiError, request } from '../../api/client';
import { routes } from '../../navigation/routes';

/** Sign-in calls: anonymous (no bearer token) and quiet where the page shows the error next to the form. */

export function signInWithWechat(code: string): Promise<Session> {
  return request('POST', '/auth/wechat', { schema: sessionSchema, body: { code }, anonymous: true });
}

export function sendSmsCode(phone: string): Promise<{ cooldownSeconds: number }> {
  return request('POST', '/auth/sms/send', {
    schema: z.object({ cooldownSeconds: z.number().int() }),
    body: { phone },
    anonymous: true,
    quiet: true,
  });
}

export function signInWithSmsCode(phone: string, code: string): Promise<Session> {
  return request('POST', '/auth/sms/verify', {
    schema: sessionSchema,
    body: { phone, code },
    anonymous: true,
    quiet: true,
  });
}

export function staffSignIn(username: string, password: string): Promise<Session> {
  return request('POST', '/auth/staff/login', {
    schema: sessionSchema,
    body: { username, password },
    anonymous: true,
    quiet: true,
  });
}

export function changeStaffPassword(currentPassword: string, newPassword: string): Promise<Session> {
  return request('POST', '/auth/staff/password', {
    schema: sessionSchema,
    body: { currentPassword, newPassword },
    quiet: true,
  });
}

export function bindWechatPhone(code: string): Promise<{ phone: string }> {
  return request('POST', '/me/phone', { schema: z.object({ phone: z.string() }), body: { code } });
}

/** After WeChat's phone button: when the number is another account's, the phone page offers to merge the two. */
export function offerMergeOnPhoneTaken(failure: unknown): boolean {
  if (!(failure instanceof ApiError && failure.code === 'PHONE_TAKEN')) return false;
  void Taro.navigateTo({ url: `${routes.phone}?merge=1` });
  return true;
}

/** Signed in: a code to the phone the person wants to prove (same limits as sign-in codes). */
export function sendPhoneCode(phone: string): Promise<{ cooldownSeconds: number }> {
  return request('POST', '/me/phone/sms-code', {
    schema: z.object({ cooldownSeconds: z.number().int() }),
    body: { phone },
    quiet: true,
  });
}

/**
 * Binds the proven phone; PHONE_TAKEN when it is another account's sign-in phone, until the person confirms the
 * merge (`merge: true`) with the same code.
 */
export function bindPhoneBySms(phone: string, code: string, merge = false): Promise<PhoneBindResult> {
  return request('POST', '/me/phone/sms', {
    schema: phoneBindResultSchema,
    body: { phone, code, ...(merge ? { merge } : {}) },
    quiet: true,
  });
}

/** Ends the session on the server (204, no body). */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  await request('POST', '/auth/logout', { schema: z.unknown(), body: { refreshToken }, anonymous: true, quiet: true });
}
