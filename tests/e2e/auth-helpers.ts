import { randomInt } from 'node:crypto';
import { idNumberCheckCharacter } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { logMark, smsCodeFor } from '../support/server-log';

/** Helpers of the sign-in browser tests (auth-*.test.ts). */

/**
 * Waits until the H5 app shows `path` and its page transition has ended (Taro slides pages in; a page that is
 * still moving cannot be clicked reliably). Returns the page's own element to look inside.
 */
export async function settledOn(page: Page, path: string): Promise<Locator> {
  await page.waitForFunction((target) => {
    const pages = Array.from(document.querySelectorAll('.taro_page'));
    const shown = pages.filter((element) => !element.classList.contains('taro_page_shade'));
    const moving = shown.some((element) => !element.classList.contains('taro_page_stationed'));
    return !moving && shown.length === 1 && shown[0]?.id.split('?')[0] === target;
  }, path);
  return page.locator('.taro_page:not(.taro_page_shade)');
}

/** A mobile number nobody else in this run uses (the server throttles codes per number). */
export function randomPhone(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** A valid ID number (GB 11643 check character) from Xuchang's Weidu district, born 1975–1994. */
export function randomIdNumber(): string {
  const year = 1975 + randomInt(0, 20);
  const month = String(1 + randomInt(0, 12)).padStart(2, '0');
  const day = String(1 + randomInt(0, 28)).padStart(2, '0');
  const first17 = `411002${year}${month}${day}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** The same ID number with a wrong check character. */
export function withWrongCheckCharacter(idNumber: string): string {
  const wrong = '10X98765432'.split('').find((candidate) => candidate !== idNumber[17]) ?? '0';
  return `${idNumber.slice(0, 17)}${wrong}`;
}

export const SIGN_IN = '/subpackages/account/sign-in/index';
export const MINE = '/pages/mine/index';
export const IDENTITY = '/subpackages/account/identity/index';

/** On the sign-in page: consent, then phone + the code from the server log, then 登录. */
export async function signInByPhone(page: Page, phone: string): Promise<void> {
  const view = await settledOn(page, SIGN_IN);
  await view.getByRole('button', { name: '同意并继续' }).click();
  await view.getByRole('textbox', { name: '手机号码' }).fill(phone);
  const mark = logMark();
  await view.getByRole('button', { name: '获取验证码' }).click();
  const code = await smsCodeFor(phone, mark);
  await view.getByRole('textbox', { name: '短信验证码' }).fill(code);
  await view.getByRole('button', { name: '登录', exact: true }).click();
}

/** From 我的: sign in with a new phone number and submit a real-name identity; ends on the identity result. */
export async function signUpWithIdentity(
  page: Page,
  baseUrl: string,
  person: { phone: string; name: string; idNumber: string; kind: '退役军人' | '家属' },
): Promise<Locator> {
  await page.goto(`${baseUrl}${MINE}`);
  let view = await settledOn(page, MINE);
  await view.getByRole('button', { name: '登录' }).click();
  await signInByPhone(page, person.phone);
  view = await settledOn(page, MINE);
  await view.getByRole('button', { name: /^实名认证/ }).click();
  view = await settledOn(page, IDENTITY);
  await view.getByRole('textbox', { name: '姓名' }).fill(person.name);
  await view.getByRole('textbox', { name: '身份证号码' }).fill(person.idNumber);
  await view.getByRole('radio', { name: person.kind }).click();
  await view.getByRole('button', { name: '提交实名信息' }).click();
  await view.getByText('实名信息已提交').waitFor();
  return view;
}
