import type { MyLegalBookings } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { usePhonePage } from '../support/fixtures';
import { DESK_DAY, dayLabel, deskBooking, nextBookableSlot, settledOn } from '../support/legal';
import { api, createCitizenByApi, signInAsStaff } from '../support/staff';

const COUNTER = '/subpackages/staff/counter/index';

describe('窗口代办: a veteran phones the centre and the clerk books a legal consultation for them', () => {
  const { page, baseUrl } = usePhonePage();

  it('finds the caller with Enter, books next Tuesday by phone; the desk and the veteran both see it', {
    timeout: 180_000,
  }, async () => {
    const caller = await createCitizenByApi(baseUrl);
    const slot = await nextBookableSlot(baseUrl, 2);
    const description = `来电：单位拖欠工资，想咨询如何维权（${caller.idNumber.slice(-4)}）`;
    await page().setViewportSize({ width: 1366, height: 900 });
    await signInAsStaff(page(), baseUrl);
    await page().goto(`${baseUrl}${COUNTER}`);
    const counter = await settledOn(page(), COUNTER);

    // The clerk types the number read out on the phone and presses Enter, as at any search box.
    await counter.getByRole('textbox', { name: '身份证号码' }).fill(caller.idNumber);
    await counter.getByRole('textbox', { name: '身份证号码' }).press('Enter');
    await counter.getByText(`办事人：${caller.name.slice(0, 1)}*${caller.name.slice(-1)}`).waitFor();

    await counter.getByRole('radio', { name: '预约法律咨询', exact: true }).click();
    await counter.getByRole('radio', { name: new RegExp(`^${dayLabel(slot.date)}`) }).click();
    await counter.getByText(`${dayLabel(slot.date)} 可选时段`).waitFor();
    await counter.getByRole('button', { name: new RegExp(`^${slot.time}-${slot.endTime}，余`) }).click();

    // Nothing chosen yet: the same messages as the API.
    await counter.getByRole('button', { name: '确认预约' }).click();
    await counter.getByText('请选择咨询类别').waitFor();
    await counter.getByText('请简要描述咨询的问题').waitFor();
    await counter.getByRole('radio', { name: '劳动就业', exact: true }).click();
    await counter.getByRole('textbox', { name: '问题简述' }).fill(description);
    expect(await counter.getByRole('radio', { name: '电话预约', exact: true }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await counter.getByRole('radio', { name: '本人当面同意（工作人员记录）' }).click();
    await counter.getByRole('button', { name: '确认预约' }).click();

    const booked = counter.locator('.counter-legal-booked');
    await booked.getByText('已预约法律咨询').waitFor();
    const text = await booked.innerText();
    expect(text).toContain(`${slot.time}-${slot.endTime}`);
    expect(text).toContain(slot.place);
    expect(text).toMatch(/电话预约（经办人 .+）/);
    expect(text).toMatch(/请在 .+ 前来电或在应用中取消/);
    await screenshot(page(), 'issue17-counter-legal-booking');

    // The consultation day's list names how it was booked and by whom.
    await page().goto(`${baseUrl}${DESK_DAY}?date=${slot.date}`);
    const day = await settledOn(page(), DESK_DAY);
    const card = deskBooking(day, description);
    await card.waitFor();
    expect(await card.innerText()).toMatch(/电话预约（经办人 .+）/);

    // The booking is the veteran's own: in 我的预约, said as made for them by staff.
    const mine = await api<MyLegalBookings>(baseUrl, 'GET', '/legal/bookings/mine', undefined, caller.token);
    expect(mine.bookings).toEqual([
      expect.objectContaining({
        status: 'booked',
        forSelf: true,
        cancellable: true,
        staffNote: '电话预约（工作人员为您预约）',
        slot: expect.objectContaining({ id: slot.id }),
      }),
    ]);
  });
});
