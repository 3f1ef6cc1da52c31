import { inject } from 'vitest';
import type { Device } from '../harness/weapp.ts';

/** Signs in through the real API (as the app's own sign-in would) and puts the session where the app keeps it. */

export const DEMO_PASSWORD = 'Demo@2026pass';
export const SESSION_KEY = 'veterans:session';

export type Role = 'guest' | 'veteran' | 'family' | 'staff' | 'lawyer' | 'admin';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: Record<string, unknown>;
}

export async function api<T = unknown>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const response = await fetch(`${inject('weapp').apiOrigin}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const staffUsers: Record<'staff' | 'lawyer' | 'admin', string> = { staff: 'staff', lawyer: 'lawyer', admin: 'admin' };

export async function signInStaff(role: 'staff' | 'lawyer' | 'admin'): Promise<SignedIn> {
  return api<SignedIn>('POST', '/auth/staff/login', { body: { username: staffUsers[role], password: DEMO_PASSWORD } });
}

/** A WeChat user signed in with the code `wx.login` gives on `device` (the fake WeChat maps it to one openid). */
export async function signInWechat(device: Device): Promise<SignedIn> {
  return api<SignedIn>('POST', '/auth/wechat', { body: { code: `harness-${device.wechatUser}` } });
}

export function storeSession(device: Device, session: SignedIn): void {
  device.storage.set(
    SESSION_KEY,
    JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user }),
  );
}
