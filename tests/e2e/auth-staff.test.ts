import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { settledOn } from './auth-helpers';

const SIGN_IN = '/subpackages/account/sign-in/index';
const STAFF_SIGN_IN = '/subpackages/staff/sign-in/index';
const CHANGE_PASSWORD = '/subpackages/staff/change-password/index';
const WORKBENCH = '/subpackages/staff/workbench/index';

/** The demo admin (server/src/demo/staff.ts), present because the test server runs with DEMO_DATA=1. */
const DEMO_ADMIN = { username: 'admin', password: 'Demo@2026pass' };

async function api<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
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
  return JSON.parse(text) as T;
}

/** A new staff account of the 西大街道 station, created by the demo admin; it must change its password first. */
async function createStaffAccount(baseUrl: string) {
  const { accessToken } = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/staff/login', DEMO_ADMIN);
  const { items } = await api<{ items: { id: number; code: string; name: string }[] }>(baseUrl, 'GET', '/org-units');
  const unit = items.find((candidate) => candidate.code === 'xidajie');
  if (!unit) throw new Error('The demo unit xidajie is missing');
  const account = {
    username: `e2e.${randomBytes(3).toString('hex')}`,
    displayName: '李服务',
    role: 'staff',
    unitId: unit.id,
    password: 'Temp#Pass2026',
  };
  const created = await api<{ mustChangePassword: boolean }>(baseUrl, 'POST', '/admin/staff', account, accessToken);
  expect(created.mustChangePassword).toBe(true);
  return { ...account, unitName: unit.name };
}

describe('H5 staff sign-in', () => {
  const { page, baseUrl } = usePhonePage();

  it('signs in with a temporary password, must change it, then sees the workbench', async () => {
    const account = await createStaffAccount(baseUrl);

    // From the citizens' sign-in page, the link at the bottom.
    await page().goto(`${baseUrl}${SIGN_IN}`);
    let view = await settledOn(page(), SIGN_IN);
    await view.getByRole('link', { name: '工作人员登录' }).click();
    view = await settledOn(page(), STAFF_SIGN_IN);

    // The form checks the shared rules; a wrong password gets the server's own message.
    await view.getByRole('button', { name: '登录' }).click();
    await view.getByText('请输入用户名').waitFor();
    await view.getByText('请输入密码').waitFor();
    await view.getByRole('textbox', { name: '用户名' }).fill(account.username);
    await view.getByLabel('密码', { exact: true }).fill('Wrong#Pass2026');
    await view.getByRole('button', { name: '登录' }).click();
    await view.getByText('用户名或密码错误').waitFor();

    await view.getByLabel('密码', { exact: true }).fill(account.password);
    await view.getByRole('button', { name: '登录' }).click();

    // A temporary password: 修改密码 before anything else, with the password rules shown inline.
    view = await settledOn(page(), CHANGE_PASSWORD);
    await view.getByText('请先设置您自己的密码').waitFor();
    await view.getByText('至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类').waitFor();
    await view.getByLabel('临时密码').fill(account.password);
    await view.getByLabel('新密码', { exact: true }).fill('short');
    await view.getByLabel('确认新密码').fill('different');
    await view.getByRole('button', { name: '确认修改' }).click();
    await view.getByText('密码至少 10 位').waitFor();
    await view.getByText('两次输入的新密码不一致').waitFor();
    await screenshot(page(), 'auth-staff-change-password');

    const newPassword = 'Veteran#Desk2027';
    await view.getByLabel('新密码', { exact: true }).fill(newPassword);
    await view.getByLabel('确认新密码').fill(newPassword);
    await view.getByRole('button', { name: '确认修改' }).click();

    // The workbench shows who is signed in.
    view = await settledOn(page(), WORKBENCH);
    await view.getByText('李服务').waitFor();
    await view.getByText('工作人员', { exact: true }).waitFor();
    await view.getByText(account.unitName).waitFor();
    await screenshot(page(), 'auth-staff-workbench');

    // The new password works, the temporary one no longer does.
    await api(baseUrl, 'POST', '/auth/staff/login', { username: account.username, password: newPassword });
    await expect(
      api(baseUrl, 'POST', '/auth/staff/login', { username: account.username, password: account.password }),
    ).rejects.toThrow(/401/);

    await view.getByRole('button', { name: '退出登录' }).click();
    view = await settledOn(page(), STAFF_SIGN_IN);
    expect(await page().evaluate(() => localStorage.getItem('veterans:session'))).toBeNull();
  });
});
