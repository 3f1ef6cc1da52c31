import { maskIdNumber } from '@veterans/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { IDENTITY, randomIdNumber, randomPhone, SIGN_IN, settledOn, signInByPhone } from './auth-helpers';

const SESSION_KEY = 'veterans:session';

/** The server lets a phone have a new code only 60 s after the last one. */
const SMS_COOLDOWN_MS = 61_000;

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

/** The session as the app stored it (Taro's H5 storage wraps values as `{ data }`). */
async function storedSession(page: Page): Promise<StoredTokens | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  return raw ? (JSON.parse(raw) as { data: StoredTokens }).data : null;
}

async function changeStoredSession(page: Page, change: Partial<StoredTokens>): Promise<void> {
  await page.evaluate(
    ({ key, change }) => {
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { data: Record<string, unknown> };
      localStorage.setItem(key, JSON.stringify({ ...stored, data: { ...stored.data, ...change } }));
    },
    { key: SESSION_KEY, change },
  );
}

describe('H5 session renewal and expiry', () => {
  const { page, baseUrl } = usePhonePage();

  it('renews silently, and when it cannot, signs in again and comes back to the form as it was typed', async () => {
    const phone = randomPhone();
    const idNumber = randomIdNumber();

    // A deep link while signed out: sign in, then straight back to the page.
    await page().goto(`${baseUrl}${IDENTITY}`);
    let view = await settledOn(page(), IDENTITY);
    await view.getByText('请先登录').waitFor();
    await view.getByRole('button', { name: '登录' }).click();
    const firstCodeAt = Date.now();
    await signInByPhone(page(), phone);

    view = await settledOn(page(), IDENTITY);
    await view.getByRole('textbox', { name: '姓名' }).fill('王建军');
    await view.getByRole('textbox', { name: '身份证号码' }).fill(idNumber);
    await view.getByRole('radio', { name: '退役军人' }).click();

    // An access token the server no longer accepts: renewed with the refresh token, unnoticed by the user.
    const before = await storedSession(page());
    await changeStoredSession(page(), { accessToken: 'no-longer-valid' });
    await page().reload();
    view = await settledOn(page(), IDENTITY);
    await view.getByRole('button', { name: '提交实名信息' }).waitFor();
    const renewed = await storedSession(page());
    expect(renewed?.accessToken).not.toBe('no-longer-valid');
    expect(renewed?.refreshToken).not.toBe(before?.refreshToken);
    // The reload lost nothing: the form came back from its draft.
    expect(await view.getByRole('textbox', { name: '姓名' }).inputValue()).toBe('王建军');
    expect(await view.getByRole('textbox', { name: '身份证号码' }).inputValue()).toBe(idNumber);

    // Signed out elsewhere (the refresh token revoked) and the access token gone: sign in again.
    const logout = await fetch(`${baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: renewed?.refreshToken }),
    });
    expect(logout.status).toBe(204);
    await changeStoredSession(page(), { accessToken: 'no-longer-valid' });
    await page().reload();

    view = await settledOn(page(), SIGN_IN);
    expect(new URL(page().url()).searchParams.get('redirect')).toBe(IDENTITY);
    expect(await storedSession(page())).toBeNull();
    await screenshot(page(), 'auth-session-expired');

    // Same person, same phone: a new code only after the server's cooldown.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstCodeAt + SMS_COOLDOWN_MS - Date.now())));
    await signInByPhone(page(), phone);

    view = await settledOn(page(), IDENTITY);
    expect(await view.getByRole('textbox', { name: '姓名' }).inputValue()).toBe('王建军');
    expect(await view.getByRole('textbox', { name: '身份证号码' }).inputValue()).toBe(idNumber);
    expect(await view.getByRole('radio', { name: '退役军人' }).getAttribute('aria-checked')).toBe('true');
    await view.getByRole('button', { name: '提交实名信息' }).click();
    await view.getByText('实名信息已提交').waitFor();
    await view.getByText(maskIdNumber(idNumber)).waitFor();
  }, 150_000);
});
