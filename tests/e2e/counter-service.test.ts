import { describe, expect, it } from 'vitest';
import { saveArtifact, screenshot } from '../support/browser';
import { MY_REQUESTS, openRequest, settledOn, signInBySms } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { phonePhoto } from '../support/id-photo';
import { pdfPageCount, pdfText } from '../support/pdf';
import { completeByApi, signInAsStaff, staffTokenByApi, TINY_PNG } from '../support/staff';
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
    // The person's phone photo: checked and fitted to the 优待证 rules before upload, as in the app.
    await counter
      .getByLabel('添加近期免冠证件照（白底）', { exact: true })
      .setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: await phonePhoto(page()) });
    const fit = page().getByRole('dialog', { name: '照片不符合证件照要求' });
    await fit.getByText(/已调整为 352×440 像素、\d+\.\d KB 的 JPG 照片/).waitFor();
    await fit.getByRole('button', { name: '使用调整后的照片' }).click();
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
    // None of the app's chrome on paper, and the page is not a scroll box of one screen's height (which clips).
    expect(await page().locator('#taro-navigation-bar').isVisible()).toBe(false);
    const pageBox = await receiptPage.evaluate((element) => {
      const style = getComputedStyle(element);
      return { overflowY: style.overflowY, maxHeight: style.maxHeight };
    });
    expect(pageBox).toEqual({ overflowY: 'visible', maxHeight: 'none' });
    // The page's own @page size (A4): the app's navigation bar and full-height containers stay off the paper,
    // so the whole receipt is on one sheet.
    const pdf = await page().pdf({ preferCSSPageSize: true, printBackground: true });
    saveArtifact('issue17-counter-receipt.pdf', pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    const onPaper = pdfText(pdf);
    for (const expected of ['受理回执', `办件编号${number}`, '办理事项优待证申领', '申请人冯*城', '受理方式窗口']) {
      expect(onPaper).toContain(expected);
    }
    expect(onPaper).toMatch(/承诺办结\d+ 个工作日内，\d{4}年\d{1,2}月\d{1,2}日前/);
    expect(onPaper).toContain(`凭办件编号 ${number} 查询办理进度`);
    // The station has no phone on file: the paper names the district centre's address and phone instead.
    expect(onPaper).toContain('咨询单位魏都区退役军人服务中心地址许昌市魏都区（演示地址）电话0374-0000000');
    expect(onPaper).not.toContain('打印回执');
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
    // Said as what it is: filed for them at the counter, not 本人申请.
    const card = mine.locator('.request-card').filter({ hasText: number as string });
    expect(await card.locator('.request-card__relation').innerText()).toBe('窗口代办（工作人员为您办理）');
    const detail = await openRequest(page(), mine, number as string);
    expect(await detail.locator('.request-relation').innerText()).toContain('窗口代办（工作人员为您办理）');
    expect(await detail.innerText()).not.toContain('本人申请');
    await detail.getByText('已办结，欢迎对本次服务进行评价').waitFor();

    const rating = detail.locator('.rating-section');
    await rating.getByText('评价本次服务').waitFor();
    await rating.getByRole('radiogroup', { name: '满意程度' }).getByRole('radio', { name: '非常满意' }).click();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.getByText('我的评价').waitFor();
  });
});
