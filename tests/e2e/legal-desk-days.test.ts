import { maskName } from '@veterans/shared';
import mysql from 'mysql2/promise';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPhonePage, screenshot } from '../support/browser';
import {
  beijingNow,
  bookByApi,
  DESK_DAY,
  DESK_RECORD,
  dayLabel,
  deskBooking,
  nextBookableSlot,
  settledOn,
  staffToken,
} from '../support/legal';
import { api, createCitizenByApi, DEMO_LAWYER, signInAsStaff } from '../support/staff';

interface Sessions {
  today: string;
  next: string | null;
  upcoming: { date: string }[];
  recent: { date: string }[];
}

/**
 * The lawyer's desk (issue 16, item 3): it opens on the next consultation day when today has none, lists the
 * consultation days, and a consultation of yesterday can still get its record. The server's clock cannot move, so
 * a booking made for next Tuesday is moved in the database to a slot of yesterday and marked checked in.
 */
describe('H5 lawyer desk: consultation days and recording afterwards', () => {
  const baseUrl = inject('baseUrl');
  const databaseUrl = inject('databaseUrl');
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
      for (const [index, page] of pages.entries()) await screenshot(page, `failed-legal-desk-days-${index}`);
    }
    for (const page of pages.splice(0)) await page.context().close();
  });

  it("opens on the next consultation day when today has none, and records yesterday's checked-in booking", async () => {
    const today = beijingNow().date;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const tuesday = await nextBookableSlot(baseUrl, 2);
    const citizen = await createCitizenByApi(baseUrl);
    const description = `昨天咨询的工伤认定问题（${Date.now()}）`;
    const booking = await bookByApi(baseUrl, citizen.token, tuesday.id, description);

    // Yesterday's session: a slot of the demo rule yesterday 09:00–09:30 (Beijing; stored in UTC) to which the
    // booking moves, checked in at 09:05.
    const connection = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z' });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT rule_id, place, capacity FROM legal_slots WHERE id = ?',
        [tuesday.id],
      );
      const source = rows[0] as { rule_id: number; place: string; capacity: number };
      const [inserted] = await connection.query<mysql.ResultSetHeader>(
        'INSERT INTO legal_slots (rule_id, starts_at, ends_at, place, capacity, booked) VALUES (?, ?, ?, ?, ?, 1)',
        [source.rule_id, `${yesterday} 01:00:00`, `${yesterday} 01:30:00`, source.place, source.capacity],
      );
      await connection.query(
        "UPDATE legal_bookings SET slot_id = ?, status = 'checked_in', checked_in_at = ? WHERE id = ?",
        [inserted.insertId, `${yesterday} 01:05:00`, booking.id],
      );
      await connection.query('UPDATE legal_slots SET booked = booked - 1 WHERE id = ?', [tuesday.id]);
    } finally {
      await connection.end();
    }
    const lawyerBearer = await staffToken(baseUrl, DEMO_LAWYER);
    const sessions = await api<Sessions>(baseUrl, 'GET', '/staff/legal/sessions', undefined, lawyerBearer);
    expect(sessions.today).toBe(today);
    expect(sessions.recent.map((day) => day.date)).toContain(yesterday);
    const next = sessions.next;
    const lawyer = await openPhonePage(browser);
    pages.push(lawyer);
    await signInAsStaff(lawyer, baseUrl, DEMO_LAWYER);
    await lawyer.goto(`${baseUrl}${DESK_DAY}`);
    const day = await settledOn(lawyer, DESK_DAY);
    await day.getByText('近期咨询日', { exact: true }).waitFor();
    if (next !== null && next !== today) {
      expect(next > today).toBe(true);
      await day.getByText(dayLabel(next), { exact: true }).waitFor();
      await day.getByText(`今天没有法律咨询，已为您打开下一个咨询日：${dayLabel(next)}。`).waitFor();
      expect(await day.getByText('当天没有法律咨询时段。').count()).toBe(0);
      await screenshot(lawyer, 'legal-desk-opens-next-day');
    } else {
      // Today is a consultation day: the desk opens on today, without the next-day notice.
      await day.getByText(`${dayLabel(today)}（今天）`, { exact: true }).waitFor();
      expect(await day.getByText(/今天没有法律咨询/).count()).toBe(0);
    }

    // Yesterday, from the recent consultation days: the checked-in booking still takes its record.
    await day.getByText(/最近的咨询日（7 天内可补写咨询记录）/).waitFor();
    await day.getByRole('button', { name: new RegExp(`^${dayLabel(yesterday).replace(/[()（）]/g, '.')}`) }).click();
    await day.getByText(dayLabel(yesterday), { exact: true }).waitFor();
    const card = deskBooking(day, description);
    await card.getByText(maskName(citizen.name)).waitFor();
    await card.getByRole('button', { name: /^填写咨询记录/ }).click();
    const record = await settledOn(lawyer, DESK_RECORD);
    await record.getByText(description).waitFor();
    await record.getByRole('textbox', { name: '咨询摘要' }).fill('工伤认定申请已过一年，单位不配合提供材料。');
    await record.getByRole('textbox', { name: '给出的建议' }).fill('向人社部门说明情况，申请延长认定时限。');
    await record.getByRole('radiogroup', { name: '是否建议后续跟进' }).getByRole('radio', { name: '否' }).click();
    await record.getByRole('button', { name: '保存咨询记录' }).click();
    await record.getByText('咨询记录已保存，咨询人可在“咨询记录”中查看。').waitFor();
    await screenshot(lawyer, 'legal-desk-record-yesterday');
  });
});
