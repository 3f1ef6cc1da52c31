import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { MINE, newPerson, openMyRequests, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { logMark, smsCodeFor } from '../support/server-log';
import { api, settledOn, submitRequestByApi } from '../support/staff';

const PHONE_PAGE = '/subpackages/account/phone/index';

describe('一人一个账号: merging the account another sign-in made', () => {
  const { page, baseUrl } = usePhonePage();

  it('proves the phone of another account, is asked, confirms with the code and then has its requests', async () => {
    // Account B: the same person signed in elsewhere with another phone and filed a request there.
    const other = await submitRequestByApi(baseUrl);
    // B's sign-in code went to that phone just now: the next code may go a minute later (SMS cooldown).
    const nextCodeAt = Date.now() + 61_000;
    // Account A: signed in here with a new phone.
    const person = newPerson('合并测试');
    let view = await signInBySms(page(), baseUrl, person.phone);

    await view.getByRole('button', { name: /^手机号/ }).click();
    view = await settledOn(page(), PHONE_PAGE);
    await view.getByRole('textbox', { name: '手机号码' }).fill(other.citizen.phone);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextCodeAt - Date.now())));
    const mark = logMark();
    await view.getByRole('button', { name: '获取验证码' }).click();
    const code = await smsCodeFor(other.citizen.phone, mark);
    await view.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await view.getByRole('button', { name: '确定' }).click();

    // Nothing is merged before the person says so.
    const dialog = view.getByRole('dialog', { name: '合并账号' });
    await dialog.getByText(/合并后，另一个账号的办件/).waitFor();
    await screenshot(page(), 'account-merge-prompt');
    const before = await api<{ phone: string | null }>(baseUrl, 'GET', '/me', undefined, other.citizen.token);
    expect(before.phone).not.toBeNull();

    await dialog.getByRole('button', { name: '确认合并' }).click();
    await settledOn(page(), MINE);

    const list = await openMyRequests(page(), baseUrl);
    await list.getByRole('button', { name: new RegExp(other.number) }).waitFor();

    // The other account is gone: its sign-in no longer works.
    const response = await fetch(`${baseUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${other.citizen.token}` },
    });
    expect(response.status).toBe(401);
  }, 180_000);
});
