import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { settledOn } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { ID_PHOTO_JPEG, openRequestInQueue, signInAsStaff, submitServiceByApi, uploadByApi } from '../support/staff';

const ARTICLE_LIST = '/subpackages/articles/list/index';

/** Issue 16, item 9: search across channels, the due date said once, 主管, file sizes in 字节/KB/MB. */
describe('Search and small things', () => {
  const { page, baseUrl } = usePhonePage();

  it('a search typed on another channel tab finds the 办事指南 article, and says its channel', async () => {
    await page().goto(`${baseUrl}${ARTICLE_LIST}?channel=policy`);
    const list = await settledOn(page(), ARTICLE_LIST);
    await list.getByRole('tab', { name: '政策法规' }).waitFor();
    await list.getByRole('searchbox', { name: '搜索文章' }).fill('优待证');
    await list.getByRole('button', { name: '搜索', exact: true }).click();
    await list.getByText(/在全部栏目中搜索“优待证”，共 \d+ 篇/).waitFor();
    const guide = list.getByRole('link', { name: /退役军人优待证申领指南/ });
    await guide.waitFor();
    await guide
      .locator('.article-item__meta')
      .getByText(/^办事指南 · /)
      .waitFor();
    await screenshot(page(), 'issue16-item9-search');
  });

  it('the staff request page says the due date once; a supervisor is 主管; sizes are in 字节', async () => {
    const request = await submitServiceByApi(baseUrl, 'preferential-card', async (citizen) => ({
      enlistmentDate: '2005-12-01',
      dischargeDate: '2010-12-01',
      branch: '陆军',
      dischargeType: '退伍',
      address: '许昌市魏都区西大街 1 号',
      bank: '中国工商银行',
      idPhoto: [await uploadByApi(baseUrl, citizen.token, '证件照.jpg', ID_PHOTO_JPEG)],
      dischargeCertificate: [await uploadByApi(baseUrl, citizen.token, '退伍证.png')],
    }));
    await page().setViewportSize({ width: 1280, height: 900 });
    const workbench = await signInAsStaff(page(), baseUrl);
    // `staff` is the district centre's supervisor 分管负责人.
    await workbench.locator('.staff-role').getByText('主管（分管负责人）').waitFor();
    const detail = await openRequestInQueue(page(), workbench, request.number);
    const text = await detail.locator('.request-summary').innerText();
    const dates = text.match(/\d{4}年\d{1,2}月\d{1,2}日前/g) ?? [];
    expect(dates, text).toHaveLength(1);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日前（\d+ 个工作日）/);
    // Not "…前（20 个工作日），…前办结" (申请人看到 below quotes the applicant's own sentence, which may say 前办结).
    const promised = text.split('\n')[text.split('\n').indexOf('承诺办结') + 1];
    expect(promised).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日前（\d+ 个工作日）$/);
    await detail.getByText(/退伍证\.png（\d+ 字节）/).waitFor();
    await detail.getByText(/证件照\.jpg（\d+\.\d KB）/).waitFor();
    expect(await detail.getByText(/\d+ B）/).count()).toBe(0);
    await screenshot(page(), 'issue16-item9-staff-request');
  });
});
