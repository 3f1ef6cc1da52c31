import { type Session, sessionSchema } from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';

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

/** Ends the session on the server (204, no body). */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  await request('POST', '/auth/logout', { schema: z.unknown(), body: { refreshToken }, anonymous: true, quiet: true });
}
