import { PRIVACY_POLICY_VERSION } from '@veterans/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPhonePage, screenshot } from '../support/browser';
import {
  chooseOption,
  expectStep,
  fillField,
  IDENTITY,
  MINE,
  nextStep,
  openServiceGuide,
  REQUEST_FORM,
  settledOn,
  signInBySms,
  startApplication,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { api, STAFF_REQUEST, signInAsStaff, staffTokenByApi, uploadByApi } from '../support/staff';
import { randomIdNumber, randomPhone } from './auth-helpers';

const FIX_TOAST = '请按提示修改后继续';

/** Signs a new citizen in on this page (SMS); consent and identity through the API with the page's token. */
async function citizenOnPage(page: Page, baseUrl: string): Promise<string> {
  await signInBySms(page, baseUrl, randomPhone());
  const raw = await page.evaluate(() => localStorage.getItem('veterans:session'));
  const token = (JSON.parse(raw ?? '{}') as { data?: { accessToken?: string } }).data?.accessToken;
  if (!token) throw new Error('not signed in');
  for (const kind of ['privacy-policy', 'sensitive-info']) {
    await api(baseUrl, 'POST', '/me/consents', { kind, version: PRIVACY_POLICY_VERSION, granted: true }, token);
  }
  await api(baseUrl, 'PUT', '/me/identity', { name: '韩振华', idNumber: randomIdNumber(), kind: 'veteran' }, token);
  return token;
}

/** Issue 16, item 7: validation wording and flow. */
describe('Validation wording and flow', () => {
  const { page, baseUrl } = usePhonePage();

  it('an empty ID box asks for the number; a wrong one says what to check', async () => {
    await signInBySms(page(), baseUrl, randomPhone());
    await page().goto(`${baseUrl}${IDENTITY}`);
    const view = await settledOn(page(), IDENTITY);
    await view.getByRole('textbox', { name: '姓名' }).fill('韩振华');
    await view.getByRole('radio', { name: '退役军人' }).click();
    await view.getByRole('button', { name: '提交实名信息' }).click();
    await view.getByText('请输入身份证号码').first().waitFor();
    expect(await view.getByText(/身份证号码不正确/).count()).toBe(0);
  });

  it('请按提示修改后继续 goes away once the step is fixed and the form moves on', async () => {
    await citizenOnPage(page(), baseUrl);
    const guide = await openServiceGuide(page(), baseUrl, '困难帮扶申请');
    const form = await startApplication(page(), guide);
    await expectStep(form, '第 1/3 步', '困难情况');
    await nextStep(form);
    const toast = page().getByText(FIX_TOAST, { exact: true });
    await toast.waitFor();
    await chooseOption(form, '重病');
    await fillField(form, '家庭人口（人）', '3');
    await fillField(form, '家庭月收入（元）', '1500');
    await fillField(form, '困难情况说明', '父亲患病住院。');
    await nextStep(form);
    await expectStep(form, '第 2/3 步', '上传材料');
    // Hidden at once, not after the toast's own 1.5 s.
    await expect.poll(() => toast.isVisible(), { timeout: 500, interval: 50 }).toBe(false);
  });

  async function fileHardship(token: string) {
    return api<{ id: number; number: string }>(
      baseUrl,
      'POST',
      '/requests',
      {
        serviceCode: 'hardship-aid',
        formData: {
          hardshipKind: '重病',
          householdSize: 3,
          monthlyIncome: 1800,
          description: '本人患病住院，家庭收入微薄。',
          incomeProof: [await uploadByApi(baseUrl, token, '收入证明.png')],
        },
        submit: true,
      },
      token,
    );
  }

  it('补正后重新提交 opens at the step the reason concerns, with the reason above it', async () => {
    const token = await citizenOnPage(page(), baseUrl);
    const created = await fileHardship(token);
    const reason = '家庭收入情况说明不清晰，请重新上传';
    await api(
      baseUrl,
      'POST',
      `/staff/requests/${created.id}/transition`,
      { action: 'request_supplement', reason },
      await staffTokenByApi(baseUrl),
    );
    await page().goto(`${baseUrl}${MINE}`);
    await settledOn(page(), MINE);
    await page().goto(`${baseUrl}${REQUEST_FORM}?id=${created.id}`);
    const form = await settledOn(page(), REQUEST_FORM);
    await expectStep(form, '第 2/3 步', '上传材料');
    await form.locator('.notice').getByText(reason, { exact: false }).waitFor();
    await screenshot(page(), 'issue16-item7-supplement');
  });

  it('staff tick the materials to correct; 补正后重新提交 opens at the first one, naming it under the reason', async () => {
    const token = await citizenOnPage(page(), baseUrl);
    const created = await fileHardship(token);
    const browser = page().context().browser();
    if (!browser) throw new Error('no browser');
    const staffPage = await openPhonePage(browser);
    try {
      await signInAsStaff(staffPage, baseUrl);
      await staffPage.goto(`${baseUrl}${STAFF_REQUEST}?id=${created.id}`);
      const detail = await settledOn(staffPage, STAFF_REQUEST);
      await detail.locator('.request-number').getByText(created.number).waitFor();
      await detail.locator('.request-actions').getByRole('button', { name: '退回补正', exact: true }).click();
      const dialog = detail.getByRole('dialog', { name: '退回补正' });
      await dialog.getByRole('textbox').fill('材料不清晰，请重新提交');
      await dialog.getByRole('checkbox', { name: '家庭收入情况说明' }).click();
      await dialog.getByRole('button', { name: '确认退回补正' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await staffPage.context().close();
    }
    // The reason names no field; the ticked material decides where the form opens.
    await page().goto(`${baseUrl}${REQUEST_FORM}?id=${created.id}`);
    const form = await settledOn(page(), REQUEST_FORM);
    await expectStep(form, '第 2/3 步', '上传材料');
    const notice = form.locator('.notice');
    await notice.getByText('材料不清晰，请重新提交', { exact: false }).waitFor();
    await notice.getByText('需补正：家庭收入情况说明').waitFor();
  });
});
