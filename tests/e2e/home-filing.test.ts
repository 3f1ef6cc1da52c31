import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MINE, newPerson, openServiceGuide, settledOn, signUpCitizen } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { signInAsStaff } from '../support/staff';

const HOME_FILING = '/subpackages/requests/home-filing/index';
const STAFF_HOME_FILING = '/subpackages/staff/home-filing/index';
const COUNTER = '/subpackages/staff/counter/index';
const RECEIPT = '/subpackages/staff/counter-receipt/index';

describe('入户办理: a bedridden veteran asks for a home visit; the station schedules it, files 上门 and records it', () => {
  const { page, baseUrl } = usePhonePage();

  it('asks from the service guide, is told the date, and sees the visit done', { timeout: 240_000 }, async () => {
    const person = newPerson('郑卫国');
    // Unique in a run that shares the server: the staff queue item is found by it.
    const address = `许昌市魏都区文化路 ${randomInt(100, 10_000)} 号 2 单元 301`;
    await signUpCitizen(page(), baseUrl, person);

    // From the guide of the service: 行动不便？申请上门办理, the service already chosen.
    const guide = await openServiceGuide(page(), baseUrl, '政策咨询');
    await guide.getByRole('button', { name: '行动不便？申请上门办理' }).click();
    let mine = await settledOn(page(), HOME_FILING);
    await expect
      .poll(() => mine.getByRole('radio', { name: '政策咨询', exact: true }).getAttribute('aria-checked'))
      .toBe('true');
    // Checked with the shared schema before sending.
    await mine.getByRole('button', { name: '提交入户办理申请' }).click();
    await mine.getByText('请选择需要上门办理的原因').waitFor();
    await mine.getByRole('radio', { name: '其他原因' }).click();
    await mine.getByRole('button', { name: '提交入户办理申请' }).click();
    await mine.getByText('选择“其他原因”时请说明原因').waitFor();
    await mine.getByRole('radio', { name: '卧床、生活不能自理' }).click();
    await mine.getByRole('textbox', { name: '上门地址' }).fill(address);
    await mine.getByRole('button', { name: '提交入户办理申请' }).click();
    const card = mine.locator('.home-filing-card').filter({ hasText: '政策咨询' });
    await card.getByText('待安排').waitFor();
    await card.getByText('原因：卧床、生活不能自理').waitFor();

    // The station: the address in the queue, a date (the person is told), filing 上门 at the visit.
    // The person's session is kept to come back to: signing in again by SMS within a minute is refused.
    const citizenSession = await page().evaluate(() => localStorage.getItem('veterans:session'));
    await page().context().clearCookies();
    await page().evaluate(() => localStorage.clear());
    await page().setViewportSize({ width: 1366, height: 900 });
    const workbench = await signInAsStaff(page(), baseUrl);
    await workbench.getByRole('button', { name: /^入户办理/ }).click();
    let queue = await settledOn(page(), STAFF_HOME_FILING);
    let item = queue.locator('.home-filing-item').filter({ hasText: address });
    await item.getByText('原因：卧床、生活不能自理').waitFor();
    await item.getByRole('button', { name: /^安排上门日期/ }).click();
    const schedule = page().getByRole('dialog', { name: '安排上门日期' });
    await schedule.getByRole('textbox', { name: /^说明/ }).fill('上午 9 点前后');
    await schedule.getByRole('button', { name: '确定并通知' }).click();
    await item.getByText('已约定上门日期').waitFor();
    await item.getByText(/^上门日期：.*（上午 9 点前后）$/).waitFor();

    await item.getByRole('button', { name: /^上门代办/ }).click();
    const counter = await settledOn(page(), COUNTER);
    await counter.getByText(/^上门代办（入户办理）/).waitFor();
    await counter.getByRole('textbox', { name: '身份证号码' }).fill(person.idNumber);
    await counter.getByRole('button', { name: '查找', exact: true }).click();
    await counter.getByText(/^办事人：/).waitFor();
    await expect
      .poll(() => counter.getByRole('radio', { name: '政策咨询', exact: true }).getAttribute('aria-checked'))
      .toBe('true');
    await counter.getByRole('radio', { name: '优待抚恤', exact: true }).click();
    await counter.getByRole('textbox', { name: '您的问题' }).fill('卧床在家，想了解优抚待遇如何领取。');
    await expect
      .poll(() => counter.getByRole('radio', { name: '上门', exact: true }).getAttribute('aria-checked'))
      .toBe('true');
    await counter.getByRole('radio', { name: '本人当面同意（工作人员记录）' }).click();
    await counter.getByRole('button', { name: '提交并打印回执' }).click();
    const receipt = await settledOn(page(), RECEIPT);
    await receipt.getByRole('document', { name: '受理回执' }).getByText('上门', { exact: true }).waitFor();
    await receipt.getByRole('button', { name: '记录上门情况' }).click();

    // Back in the queue, the record opens with the request just filed.
    queue = await settledOn(page(), STAFF_HOME_FILING);
    const visit = page().getByRole('dialog', { name: '记录上门情况' });
    await visit.getByText(/^关联本次上门代办的办件/).waitFor();
    await visit.getByRole('textbox', { name: '上门情况' }).fill('本人卧床，已当面核对身份证并代为填报政策咨询。');
    await visit.getByRole('button', { name: '保存' }).click();
    await visit.waitFor({ state: 'detached' });
    await queue.getByRole('radio', { name: '全部' }).click();
    item = queue.locator('.home-filing-item').filter({ hasText: address });
    await item.getByText('已上门办理').waitFor();
    expect(await item.getByRole('button').count()).toBe(0);

    // The person sees the date they were told and the visit done.
    await page().context().clearCookies();
    await page().evaluate((session) => {
      localStorage.clear();
      localStorage.setItem('veterans:session', session ?? '');
    }, citizenSession);
    await page().setViewportSize({ width: 375, height: 812 });
    await page().goto(`${baseUrl}${MINE}`);
    const me = await settledOn(page(), MINE);
    await me.getByRole('button', { name: /^入户办理/ }).click();
    mine = await settledOn(page(), HOME_FILING);
    const done = mine.locator('.home-filing-card').filter({ hasText: '政策咨询' });
    await done.getByText('已上门办理').waitFor();
    await done.getByText(/^上门日期：\d{4}年\d{1,2}月\d{1,2}日（上午 9 点前后）$/).waitFor();
  });
});
