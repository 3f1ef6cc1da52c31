import type { LegalBooking, LegalSlot, LegalSlotList, ScheduleRuleInput } from '@veterans/shared';
import type { Locator, Page } from 'playwright-core';
import { settledOn } from '../e2e/auth-helpers';
import { api, DEMO_ADMIN, type StaffAccount } from './staff';

/**
 * Helpers of the legal consultation browser tests (legal-*.test.ts): the pages of subpackages/legal (citizens)
 * and subpackages/legal-desk (staff, lawyer, admin), Beijing dates, and API shortcuts (an admin's rule for today,
 * the next bookable slot).
 */

export const LEGAL_CONSULT = '/subpackages/legal/consult/index';
export const LEGAL_BOOK = '/subpackages/legal/book/index';
export const LEGAL_CONFIRMATION = '/subpackages/legal/confirmation/index';
export const LEGAL_MINE = '/subpackages/legal/mine/index';
export const LEGAL_RECORDS = '/subpackages/legal/records/index';
export const DESK_DAY = '/subpackages/legal-desk/day/index';
export const DESK_RECORD = '/subpackages/legal-desk/record/index';
export const DESK_RULES = '/subpackages/legal-desk/rules/index';
export const DESK_CLOSURES = '/subpackages/legal-desk/closures/index';

export { settledOn };

// ---------------------------------------------------------------------------------------------------------------
// Beijing time (the tests may run on a machine in any zone)

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** `{ date: 'YYYY-MM-DD', minutes: minutes since Beijing midnight }` of an instant. */
export function beijingNow(now = new Date()): { date: string; minutes: number } {
  const shifted = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** As the app labels a day: `3月10日（周二）`. */
export function dayLabel(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日（周${WEEKDAYS[isoWeekday(date) - 1]}）`;
}

/** As the app labels a slot: `2026年3月10日（周二） 09:00-09:30`. */
export function slotLabel(slot: Pick<LegalSlot, 'date' | 'time' | 'endTime'>): string {
  return `${slot.date.slice(0, 4)}年${dayLabel(slot.date)} ${slot.time}-${slot.endTime}`;
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------------------------
// API shortcuts

export async function staffToken(baseUrl: string, account: StaffAccount = DEMO_ADMIN): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/staff/login', account);
  return accessToken;
}

export function fetchSlots(baseUrl: string, query = ''): Promise<LegalSlotList> {
  return api<LegalSlotList>(baseUrl, 'GET', `/legal/slots${query}`);
}

/** The first slot a citizen can book now (not closed, before its cutoff, a place left) on an ISO weekday. */
export async function nextBookableSlot(baseUrl: string, weekday: number): Promise<LegalSlot> {
  const { slots } = await fetchSlots(baseUrl);
  const slot = slots.find(
    (candidate) => candidate.bookable && candidate.remaining > 0 && isoWeekday(candidate.date) === weekday,
  );
  if (!slot) throw new Error(`No bookable slot on weekday ${weekday}: ${JSON.stringify(slots.slice(0, 3))}`);
  return slot;
}

/**
 * As the demo admin (through the API): a rule for today's weekday whose first slot starts a few minutes from
 * now, bookable and cancellable until 23:59 the same day, so that a booking can be made, checked in and recorded
 * today (the server's clock cannot be moved from a browser test). Returns today's first slot of it, or null
 * when too little of the Beijing day is left for one.
 */
export async function createTodayRule(baseUrl: string): Promise<LegalSlot | null> {
  const token = await staffToken(baseUrl, DEMO_ADMIN);
  const { date, minutes } = beijingNow();
  const start = Math.ceil((minutes + 3) / 5) * 5;
  const slotMinutes = start + 30 <= 23 * 60 + 59 ? 30 : 10;
  if (start + slotMinutes > 23 * 60 + 59) return null;
  const rule: ScheduleRuleInput = {
    place: '魏都区退役军人服务中心（测试加诊）',
    weekdays: [isoWeekday(date)],
    startTime: clock(start),
    endTime: clock(start + slotMinutes),
    slotMinutes,
    capacity: 2,
    weeksAhead: 1,
    bookingCutoffDaysBefore: 0,
    bookingCutoffTime: '23:59',
    cancelCutoffDaysBefore: 0,
    cancelCutoffTime: '23:59',
    validFrom: date,
    validTo: null,
  };
  await api(baseUrl, 'POST', '/admin/legal/rules', rule, token);
  const { slots } = await fetchSlots(baseUrl, `?from=${date}&to=${date}`);
  return slots.find((slot) => slot.time === rule.startTime && slot.bookable && slot.remaining > 0) ?? null;
}

export function bookByApi(
  baseUrl: string,
  token: string,
  slotId: number,
  description = '单位拖欠工资三个月，想咨询如何维权。',
): Promise<LegalBooking> {
  return api<LegalBooking>(baseUrl, 'POST', '/legal/bookings', { slotId, topic: 'labour', description }, token);
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

/** On 法律咨询: picks the day (its date chip), then the slot by its time; ends on the booking form. */
export async function chooseSlot(page: Page, consult: Locator, slot: Pick<LegalSlot, 'date' | 'time' | 'endTime'>) {
  await consult.getByRole('radio', { name: new RegExp(`^${escapeRegExp(dayLabel(slot.date))}`) }).click();
  await consult.getByText(`${dayLabel(slot.date)} 可选时段`).waitFor();
  await consult.getByRole('button', { name: new RegExp(`^${slot.time}-${slot.endTime}，(余|约满)`) }).click();
  return settledOn(page, LEGAL_BOOK);
}

/** On the booking form: 咨询类别, 问题简述, 确认预约; ends on the confirmation. */
export async function fillBooking(page: Page, form: Locator, topic: string, description: string): Promise<Locator> {
  await form.getByRole('radio', { name: topic, exact: true }).click();
  await form.getByRole('textbox', { name: '问题简述' }).fill(description);
  await form.getByRole('button', { name: '确认预约' }).click();
  const confirmation = await settledOn(page, LEGAL_CONFIRMATION);
  await confirmation.getByText('预约成功').first().waitFor();
  return confirmation;
}

/** A desk booking card on 当日预约, found by the (unique) description the citizen wrote. */
export function deskBooking(day: Locator, description: string): Locator {
  return day.locator('.legal-desk-booking').filter({ hasText: description });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
