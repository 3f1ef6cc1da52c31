import { maskPhone } from '@veterans/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, inject, it } from 'vitest';
import { launchBrowser, openPhonePage, screenshot } from '../support/browser';
import { bookByApi, DESK_DAY, deskBooking, nextBookableSlot, settledOn } from '../support/legal';
import { createCitizenByApi, DEMO_DISTRICT_STAFF, DEMO_LAWYER, signInAsStaff } from '../support/staff';

/**
 * Staff can reach the person who booked (issue 14, item 5): on the desk's day list the lawyer and the centre's
 * staff see the booker's proven phone masked, and the whole number after 显示完整号码 (audited on the server).
 */
describe('H5 legal desk: the booker’s phone, masked with an audited reveal', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const [index, page] of pages.entries()) await screenshot(page, `failed-legal-desk-phone-${index}`);
    }
    for (const page of pages.splice(0)) await page.context().close();
  });

  it('the lawyer and the centre see the phone masked and reveal it on request', async () => {
    const slot = await nextBookableSlot(baseUrl, 2);
    const citizen = await createCitizenByApi(baseUrl);
    const description = `想咨询拖欠工资怎么办（${Date.now()}）`;
    await bookByApi(baseUrl, citizen.token, slot.id, description);

    for (const account of [DEMO_LAWYER, DEMO_DISTRICT_STAFF]) {
      const page = await openPhonePage(browser);
      pages.push(page);
      await signInAsStaff(page, baseUrl, account);
      await page.goto(`${baseUrl}${DESK_DAY}?date=${slot.date}`);
      const day = await settledOn(page, DESK_DAY);
      const card = deskBooking(day, description);
      await card.getByText('联系电话').waitFor();
      await card.getByText(maskPhone(citizen.phone)).waitFor();
      await card.getByRole('button', { name: '显示完整号码（将记入审计日志）' }).click();
      await card.getByText(citizen.phone).waitFor();
    }
  });
});
