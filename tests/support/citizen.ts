import type { Locator, Page } from 'playwright-core';
import {
  IDENTITY,
  MINE,
  randomIdNumber,
  randomPhone,
  settledOn,
  signInByPhone,
  signUpWithIdentity,
} from '../e2e/auth-helpers';

/**
 * Page helpers for a citizen (veteran or family member) in the H5 app: sign in, identity, applying for a
 * service through the generic form, 我的办件. Reused by requests-*.test.ts and the two-context journeys.
 */

export const HOME = '/pages/index/index';
export const SERVICES = '/pages/services/index';
export const GUIDE = '/subpackages/services/detail/index';
export const REQUEST_FORM = '/subpackages/requests/form/index';
export const MY_REQUESTS = '/subpackages/requests/list/index';
export const REQUEST_DETAIL = '/subpackages/requests/detail/index';
export const INBOX = '/subpackages/requests/inbox/index';

export { IDENTITY, MINE, settledOn };

export interface Person {
  phone: string;
  name: string;
  idNumber: string;
  kind: '退役军人' | '家属';
}

export function newPerson(name: string, kind: Person['kind'] = '退役军人'): Person {
  return { phone: randomPhone(), name, idNumber: randomIdNumber(), kind };
}

/** From 我的: signs in with an SMS code (read from the server log); ends on 我的, signed in. */
export async function signInBySms(page: Page, baseUrl: string, phone: string): Promise<Locator> {
  await page.goto(`${baseUrl}${MINE}`);
  const view = await settledOn(page, MINE);
  await view.getByRole('button', { name: '登录' }).click();
  await signInByPhone(page, phone);
  return settledOn(page, MINE);
}

/** On the identity page: fills and submits the real-name identity; waits for the result. */
export async function fillIdentity(page: Page, person: Person): Promise<Locator> {
  const view = await settledOn(page, IDENTITY);
  await view.getByRole('textbox', { name: '姓名' }).fill(person.name);
  await view.getByRole('textbox', { name: '身份证号码' }).fill(person.idNumber);
  await view.getByRole('radio', { name: person.kind }).click();
  await view.getByRole('button', { name: '提交实名信息' }).click();
  await view.getByText('实名信息已提交').waitFor();
  return view;
}

/** A new account with a real-name identity (signed in by SMS); ends on the identity result. */
export async function signUpCitizen(page: Page, baseUrl: string, person: Person): Promise<Locator> {
  return signUpWithIdentity(page, baseUrl, person);
}

/** Opens a service's guide from the 办事 tab. */
export async function openServiceGuide(page: Page, baseUrl: string, serviceName: string): Promise<Locator> {
  await page.goto(`${baseUrl}${SERVICES}`);
  const services = await settledOn(page, SERVICES);
  await services.locator('.service-item', { hasText: serviceName }).first().click();
  const guide = await settledOn(page, GUIDE);
  await guide.getByText('所需材料').waitFor();
  return guide;
}

/** On a guide: 我要办理; ends on the form (or on what it asks first, such as a consent). */
export async function startApplication(page: Page, guide: Locator): Promise<Locator> {
  await guide.getByRole('button', { name: '我要办理' }).click();
  return settledOn(page, REQUEST_FORM);
}

/** Waits until the form shows the given step, e.g. `第 1/2 步` and its title. */
export async function expectStep(view: Locator, label: string, title: string): Promise<void> {
  await view.getByText(label, { exact: true }).waitFor();
  await view.getByText(title, { exact: true }).first().waitFor();
}

export async function chooseOption(view: Locator, option: string): Promise<void> {
  await view.getByRole('radio', { name: option, exact: true }).click();
}

export async function fillField(view: Locator, label: string, value: string): Promise<void> {
  await view.getByRole('textbox', { name: label, exact: true }).fill(value);
}

export async function nextStep(view: Locator): Promise<void> {
  await view.getByRole('button', { name: '下一步' }).click();
}

export async function previousStep(view: Locator): Promise<void> {
  await view.getByRole('button', { name: '上一步' }).click();
}

/** A valid 1×1 PNG (the server checks the content, not the name). */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** Attaches a file to an attachment field (the H5 file input labelled 添加…) and waits until it is uploaded. */
export async function attachFile(
  view: Locator,
  fieldLabel: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await view.getByLabel(`添加${fieldLabel}`, { exact: true }).setInputFiles(file);
  await view.getByText(file.name).first().waitFor();
  await view
    .getByText(/^已上传/)
    .first()
    .waitFor();
}

/** On the review: 提交申请; resolves with the request number shown on the success page. */
export async function submitApplication(view: Locator): Promise<string> {
  await view.getByRole('button', { name: '提交申请' }).click();
  return readRequestNumber(view);
}

export async function readRequestNumber(view: Locator): Promise<string> {
  await view.getByText('提交成功').waitFor();
  const number = await view.locator('.request-number').first().textContent();
  return (number ?? '').trim();
}

/** 我的办件, opened from 我的. */
export async function openMyRequests(page: Page, baseUrl: string): Promise<Locator> {
  await page.goto(`${baseUrl}${MINE}`);
  const mine = await settledOn(page, MINE);
  await mine.getByRole('button', { name: /^我的办件/ }).click();
  return settledOn(page, MY_REQUESTS);
}

/** Opens one request from 我的办件 by its number. */
export async function openRequest(page: Page, list: Locator, number: string): Promise<Locator> {
  await list.getByRole('button', { name: new RegExp(number) }).click();
  return settledOn(page, REQUEST_DETAIL);
}
