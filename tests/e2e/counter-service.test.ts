import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { MY_REQUESTS, openRequest, settledOn, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { completeByApi, ID_PHOTO_JPEG, signInAsStaff, staffTokenByApi, TINY_PNG } from '../support/staff';
import { randomIdNumber, randomPhone } from './auth-helpers';

const COUNTER = '/subpackages/staff/counter/index';
const RECEIPT = '/subpackages/staff/counter-receipt/index';
const CLAIM = '/subpackages/account/counter-claim/index';

describe('窗口代办: a clerk files 优待证 for a walk-in, prints the receipt, the person later finds and rates it', () => {
  const { page, baseUrl } = usePhonePage();

  it('registers the walk-in, files with scans, prints the 受理回执, and the person claims the request in the app', {
    timeout: 240_000,
  }, async () => {
    const person = { name: '冯长城', idNumber: randomIdNumber(), phone: randomPhone() };
    await page().setViewportSize({ width: 1366, height: 900 });
    await signInAsStaff(page(), baseUrl);
    await page().goto(`${baseUrl}${COUNTER}`);
    const counter = await settledOn(page(), COUNTER);

    // Not known yet: the clerk registers the person with the identity they show, and how they consented.
    await counter.getByRole('textbox', { name: '身份证号码' }).fill(person.idNumber);
    await counter.getByRole('button', { name: '查找', exact: true }).click();
    await counter.getByText('未找到，登记办事人').waitFor();
    await counter.getByRole('textbox', { name: '姓名' }).fill(person.name);
    await counter.getByLabel(/^手机号码/).fill(person.phone);
    await counter.getByRole('radio', { name: /^文化社区退役军人服务站/ }).click();
    await counter.getByRole('radio', { name: '已当面核对退伍证（登记即认证）' }).click();
    await counter.getByRole('radio', { name: '本人当面同意（工作人员记录）' }).first().click();
    await counter.getByRole('button', { name: '登记', exact: true }).click();
    await counter.getByText('办事人：冯*城').waitFor();

    // The same schema-driven form as the app, with the clerk's scans.
    await counter.getByRole('radio', { name: '优待证申领', exact: true }).click();
    await counter.getByLabel('入伍日期', { exact: true }).fill('1988-03-01');
    await counter.getByLabel('退役日期', { exact: true }).fill('1992-12-01');
    await counter.getByRole('radio', { name: '陆军', exact: true }).click();
    await counter.getByRole('radio', { name: '退伍', exact: true }).click();
    await counter.getByRole('textbox', { name: '现居住地址' }).fill('许昌市魏都区文化路 20 号');
    await counter.getByRole('radio', { name: '中国工商银行', exact: true }).click();
    await counter
      .getByLabel('添加近期免冠证件照（白底）', { exact: true })
      .setInputFiles({ name: '证件照.jpg', mimeType: 'image/jpeg', buffer: ID_PHOTO_JPEG });
    await counter
      .getByLabel('添加退伍证（或退出现役证明）', { exact: true })
      .setInputFiles({ name: '退伍证扫描件.png', mimeType: 'image/png', buffer: TINY_PNG });
    await expect.poll(() => counter.getByText(/^已上传/).count()).toBe(2);
    await counter.getByRole('radio', { name: '本人当面同意（工作人员记录）' }).last().click();
    await counter.getByRole('button', { name: '提交并打印回执' }).click();

    // The receipt, as the printer gets it.
    const receiptPage = await settledOn(page(), RECEIPT);
    const receipt = receiptPage.getByRole('document', { name: '受理回执' });
    await receipt.getByText('办件编号', { exact: true }).waitFor();
    const number = /WD\d{8}-\d{4}/.exec((await receipt.textContent()) ?? '')?.[0];
    expect(number).toBeTruthy();
    await page().emulateMedia({ media: 'print' });
    const printed = (await receipt.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['受理回执', '优待证申领', '冯*城', '窗口', '个工作日内', '查询进度']) {
      expect(printed).toContain(expected);
    }
    expect(await receiptPage.getByRole('button', { name: '打印回执' }).isVisible()).toBe(false);
    const pdf = await page().pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page().emulateMedia({ media: 'screen' });
    await screenshot(page(), 'issue17-counter-receipt');
    const requestId = Number(new URL(page().url().replace('#', '')).searchParams.get('id'));

    // The request is done at the counter; later the person signs in with the phone they gave and claims it.
    await completeByApi(baseUrl, await staffTokenByApi(baseUrl), { id: requestId });
    await page().context().clearCookies();
    await page().evaluate(() => localStorage.clear());
    await page().setViewportSize({ width: 375, height: 812 });
    await signInBySms(page(), baseUrl, person.phone);
    await page().goto(`${baseUrl}${MY_REQUESTS}`);
    const list = await settledOn(page(), MY_REQUESTS);
    await list.getByRole('button', { name: '认领窗口办件' }).click();
    const claim = await settledOn(page(), CLAIM);
    await claim.getByRole('textbox', { name: '姓名' }).fill(person.name);
    await claim.getByRole('textbox', { name: '身份证号码' }).fill(person.idNumber);
    await claim.getByRole('button', { name: '认领', exact: true }).click();
    const mine = await settledOn(page(), MY_REQUESTS);
    const detail = await openRequest(page(), mine, number as string);
    await detail.getByText('已办结，欢迎对本次服务进行评价').waitFor();

    const rating = detail.locator('.rating-section');
    await rating.getByText('评价本次服务').waitFor();
    await rating.getByRole('radiogroup', { name: '满意程度' }).getByRole('radio', { name: '非常满意' }).click();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.getByText('我的评价').waitFor();
  });
});
