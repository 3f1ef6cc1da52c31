import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PRIVACY_POLICY_VERSION } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { randomIdNumber, randomPhone, settledOn } from '../e2e/auth-helpers';
import { logMark, smsCodeFor } from './server-log';

/**
 * Page helpers for staff in the H5 workbench (subpackages/staff): sign in, find a request in the queue, work it
 * (transitions, replies, internal notes), read its timeline. Plus API shortcuts that put a request in the queue
 * without going through the citizen pages. Reused by staff-*.test.ts and the two-context journeys.
 */

export const STAFF_SIGN_IN = '/subpackages/staff/sign-in/index';
export const WORKBENCH = '/subpackages/staff/workbench/index';
export const STAFF_QUEUE = '/subpackages/staff/queue/index';
export const STAFF_REQUEST = '/subpackages/staff/request/index';
export const STAFF_FOLLOW_UPS = '/subpackages/staff/follow-ups/index';

export interface StaffAccount {
  username: string;
  password: string;
}

/** Demo accounts (server/src/demo/staff.ts; the test server runs with DEMO_DATA=1). No password change needed. */
export const DEMO_PASSWORD = 'Demo@2026pass';
/** 区中心工作人员（演示）: district centre, supervisor — sees every request of the district. */
export const DEMO_DISTRICT_STAFF: StaffAccount = { username: 'staff', password: DEMO_PASSWORD };
export const DEMO_ADMIN: StaffAccount = { username: 'admin', password: DEMO_PASSWORD };
export const DEMO_LAWYER: StaffAccount = { username: 'lawyer', password: DEMO_PASSWORD };

export { settledOn };

// ---------------------------------------------------------------------------------------------------------------
// API shortcuts

/** One JSON call to the test server's API; throws with the answer when it is not 2xx. */
export async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ApiCitizen {
  token: string;
  phone: string;
  name: string;
  idNumber: string;
}

const surnames = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'];
const givenCharacters = [...'建国强志刚卫东红军海峰振华立新明德文斌勇俊杰涛磊超平辉春秋'];
/** A name whose masked form (first and last character) is unlikely to repeat within a test run. */
function randomName(): string {
  const pick = (characters: string[]) => characters[randomInt(characters.length)];
  return `${pick(surnames)}${pick(givenCharacters)}${pick(givenCharacters)}`;
}

/** A citizen signed up through the API: SMS sign-in (code from the server log), privacy consent, identity. */
export async function createCitizenByApi(baseUrl: string, kind: 'veteran' | 'family' = 'veteran'): Promise<ApiCitizen> {
  const phone = randomPhone();
  const mark = logMark();
  await api(baseUrl, 'POST', '/auth/sms/send', { phone });
  const code = await smsCodeFor(phone, mark);
  const { accessToken: token } = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/sms/verify', {
    phone,
    code,
  });
  await api(
    baseUrl,
    'POST',
    '/me/consents',
    { kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true },
    token,
  );
  const name = randomName();
  const idNumber = randomIdNumber();
  await api(baseUrl, 'PUT', '/me/identity', { name, idNumber, kind }, token);
  return { token, phone, name, idNumber };
}

export interface SubmittedRequest {
  id: number;
  number: string;
  citizen: ApiCitizen;
}

/** A 政策咨询 (no attachments, no sensitive data) submitted at once by a new citizen. */
export function submitRequestByApi(
  baseUrl: string,
  question = '退役后参加职业技能培训有哪些补贴政策？',
): Promise<SubmittedRequest> {
  return submitServiceByApi(baseUrl, 'policy-question', () => ({ topic: '教育培训', question }));
}

/** A valid 1×1 PNG (the server checks the content, not the name). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A 352×440 JPG of about 35 KB: an ID photo that meets the 优待证 rules. */
export const ID_PHOTO_JPEG = readFileSync(new URL('../../server/src/testing/fixtures/id-photo.jpg', import.meta.url));

/** `POST /uploads` as this citizen; returns the attachment id to put in a form field. */
export async function uploadByApi(baseUrl: string, token: string, fileName: string, file = TINY_PNG): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([file]), fileName);
  const response = await fetch(`${baseUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /uploads answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

export type ServiceCode = 'preferential-card' | 'hardship-aid' | 'appeal' | 'policy-question';

/**
 * A request of any service submitted at once by a new citizen; `form` builds the answers (it may upload
 * attachments as that citizen). Hardship aid records the sensitive-information consent first.
 */
export async function submitServiceByApi(
  baseUrl: string,
  serviceCode: ServiceCode,
  form: (citizen: ApiCitizen) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<SubmittedRequest> {
  const citizen = await createCitizenByApi(baseUrl);
  if (serviceCode === 'hardship-aid') {
    await api(
      baseUrl,
      'POST',
      '/me/consents',
      { kind: 'sensitive-info', version: PRIVACY_POLICY_VERSION, granted: true },
      citizen.token,
    );
  }
  const created = await api<{ id: number; number: string | null; status: string }>(
    baseUrl,
    'POST',
    '/requests',
    { serviceCode, formData: await form(citizen), submit: true },
    citizen.token,
  );
  if (created.status !== 'submitted' || !created.number) throw new Error(`Not submitted: ${JSON.stringify(created)}`);
  return { id: created.id, number: created.number, citizen };
}

/** A staff access token for API calls (demo accounts need no password change). */
export async function staffTokenByApi(baseUrl: string, account: StaffAccount = DEMO_DISTRICT_STAFF): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/staff/login', account);
  return accessToken;
}

/** Accepts, starts and completes a request through the staff API. */
export async function completeByApi(
  baseUrl: string,
  staffToken: string,
  request: Pick<SubmittedRequest, 'id'>,
): Promise<void> {
  for (const action of ['accept', 'start', 'complete']) {
    await api(baseUrl, 'POST', `/staff/requests/${request.id}/transition`, { action }, staffToken);
  }
}

/** The applicant rates a completed request (1–5; 1 and 2 open a supervisor follow-up). */
export async function rateByApi(baseUrl: string, request: SubmittedRequest, level: number, comment?: string) {
  await api(baseUrl, 'POST', `/requests/${request.id}/rating`, { level, comment }, request.citizen.token);
}

/** The request as its applicant sees it (timeline without internal entries). */
export function citizenView(baseUrl: string, request: SubmittedRequest) {
  return api<{ status: string; timeline: { action: string; comment: string | null }[] }>(
    baseUrl,
    'GET',
    `/requests/${request.id}`,
    undefined,
    request.citizen.token,
  );
}

/** The thread as the applicant sees it. */
export function citizenMessages(baseUrl: string, request: SubmittedRequest) {
  return api<{ items: { body: string; internal: boolean }[] }>(
    baseUrl,
    'GET',
    `/requests/${request.id}/messages`,
    undefined,
    request.citizen.token,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

/** Opens the staff sign-in page, signs in, and waits for the workbench. */
export async function signInAsStaff(
  page: Page,
  baseUrl: string,
  account: StaffAccount = DEMO_DISTRICT_STAFF,
): Promise<Locator> {
  await page.goto(`${baseUrl}${STAFF_SIGN_IN}`);
  const view = await settledOn(page, STAFF_SIGN_IN);
  await view.getByRole('textbox', { name: '用户名' }).fill(account.username);
  await view.getByLabel('密码', { exact: true }).fill(account.password);
  await view.getByRole('button', { name: '登录' }).click();
  return settledOn(page, WORKBENCH);
}

/** On the workbench: a count tile (待受理, 办理中, 已逾期, 待补正) opens the queue filtered by it. */
export async function openQueueTile(page: Page, workbench: Locator, tile: string): Promise<Locator> {
  await workbench.getByRole('link', { name: new RegExp(`^\\S+ ?${tile}$`) }).click();
  return settledOn(page, STAFF_QUEUE);
}

/** On the queue: searches by request number (or exact name) and waits for the list to answer. */
export async function searchQueue(queue: Locator, text: string): Promise<void> {
  await queue.getByRole('textbox', { name: '搜索办件' }).fill(text);
  await queue.getByRole('button', { name: '搜索', exact: true }).click();
  await queue.getByText(`正在搜索“${text}”`).waitFor();
}

/**
 * From the workbench: opens the queue through a tile (default 待受理), finds the request by its number and
 * opens it. Returns the detail page.
 */
export async function openRequestInQueue(
  page: Page,
  workbench: Locator,
  number: string,
  tile = '待受理',
): Promise<Locator> {
  const queue = await openQueueTile(page, workbench, tile);
  await searchQueue(queue, number);
  await queue.getByRole('link', { name: new RegExp(number) }).click();
  const detail = await settledOn(page, STAFF_REQUEST);
  await detail.locator('.request-number').getByText(number).waitFor();
  return detail;
}

/** The status badge of the open request, e.g. 待受理, 已受理, 办理中, 已办结. */
export async function expectStatus(detail: Locator, status: string): Promise<void> {
  await detail.locator('.request-summary .status-badge').getByText(status, { exact: true }).waitFor();
}

/**
 * Takes a workflow action on the open request (受理, 开始办理, 退回补正, 不予受理, 办结) through its dialog, with
 * the reason or result when given, and waits until the dialog has closed.
 */
export async function transition(detail: Locator, action: string, text?: string): Promise<void> {
  await detail.locator('.request-actions').getByRole('button', { name: action, exact: true }).click();
  const dialog = detail.getByRole('dialog', { name: action });
  if (text !== undefined) await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: `确认${action}` }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Posts a public reply (公开回复) or an internal note (内部备注) and waits until it shows in the thread. */
export async function postStaffMessage(detail: Locator, body: string, mode: '公开回复' | '内部备注' = '公开回复') {
  const box = detail.locator('.reply-box');
  await box.getByRole('radio', { name: mode }).click();
  await box.getByRole('textbox', { name: mode === '公开回复' ? '回复内容' : '备注内容' }).fill(body);
  await box.getByRole('button', { name: mode === '公开回复' ? '发送回复' : '保存备注' }).click();
  await detail.locator('.conversation-message').filter({ hasText: body }).waitFor();
}

/** The titles of the timeline's entries, oldest first (internal ones carry their tag, e.g. `内部备注仅内部可见`). */
export async function timelineTitles(detail: Locator): Promise<string[]> {
  const titles = await detail.locator('.timeline-entry .staff-timeline__title').allInnerTexts();
  return titles.map((title) => title.replace(/\s+/g, ''));
}

/** Waits until the timeline has an entry with this title (and comment, when given). */
export async function expectTimelineEntry(detail: Locator, title: string, comment?: string): Promise<void> {
  let entry = detail.locator('.timeline-entry').filter({
    has: detail.page().locator('.staff-timeline__title', { hasText: title }),
  });
  if (comment) entry = entry.filter({ hasText: comment });
  await entry.first().waitFor();
}

/**
 * On a paged list (verification queue, family links …): the first item matching `filter`, going to the next
 * page while it is not on this one.
 */
export async function findOnPages(view: Locator, items: Locator): Promise<Locator> {
  for (let pageNumber = 1; pageNumber <= 20; pageNumber++) {
    await view.locator('.load-state--loading').waitFor({ state: 'detached' });
    if ((await items.count()) > 0) return items.first();
    const next = view.getByRole('button', { name: '下一页' });
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
    await next.click();
  }
  throw new Error('Item not found on any page');
}

/** From the workbench: 差评回访 opens the follow-ups (open ones first). */
export async function openFollowUps(page: Page, workbench: Locator): Promise<Locator> {
  await workbench.getByRole('link', { name: /^\S+ ?差评回访$/ }).click();
  return settledOn(page, STAFF_FOLLOW_UPS);
}

/** On the follow-ups page: closes the follow-up of a request with the supervisor's note. */
export async function closeFollowUp(followUps: Locator, number: string, note: string): Promise<void> {
  const item = followUps.locator('.follow-up-item').filter({ hasText: number });
  await item.getByRole('button', { name: /^关闭回访/ }).click();
  const dialog = followUps.getByRole('dialog', { name: '关闭回访整改' });
  await dialog.getByRole('textbox', { name: '回访整改情况' }).fill(note);
  await dialog.getByRole('button', { name: '确认关闭' }).click();
  await dialog.waitFor({ state: 'detached' });
}
