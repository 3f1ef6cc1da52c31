/**
 * Dates and times of the legal consultation, always in Beijing time (the API sends `date` YYYY-MM-DD, `time`
 * HH:MM and instants like `2026-03-03T09:00:00+08:00`). Nothing here reads the device's time zone: a phone set
 * to another zone still shows the centre's times.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY_NAMES = ['一', '二', '三', '四', '五', '六', '日'] as const;

function parts(date: string): [number, number, number] {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = parts(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** 1 → 周一 … 7 → 周日. */
export function weekdayName(isoDay: number): string {
  return `周${WEEKDAY_NAMES[isoDay - 1] ?? ''}`;
}

/** `2026-03-03` → `3月3日`. */
export function shortDate(date: string): string {
  const [, month, day] = parts(date);
  return `${month}月${day}日`;
}

/** `2026-03-03` → `3月3日（周二）`. */
export function dayLabel(date: string): string {
  return `${shortDate(date)}（${weekdayName(isoWeekday(date))}）`;
}

/** `2026-03-03` → `2026年3月3日（周二）`. */
export function fullDateLabel(date: string): string {
  const [year] = parts(date);
  return `${year}年${dayLabel(date)}`;
}

/** The Beijing wall clock of an instant: `{ date: 'YYYY-MM-DD', time: 'HH:MM', seconds: 'SS' }`. */
export function beijingClock(instant: string | Date): { date: string; time: string; seconds: string } {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const shifted = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16), seconds: shifted.slice(17, 19) };
}

/** Today in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now: Date = new Date()): string {
  return beijingClock(now).date;
}

/** `2026-03-02T18:00:00+08:00` → `3月2日（周一）18:00`. */
export function instantLabel(instant: string): string {
  const { date, time } = beijingClock(instant);
  return `${dayLabel(date)}${time}`;
}

/** A calendar date `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A slot's time as the pages say it: `2026年3月3日（周二）09:00-09:30`. */
export function slotTimeLabel(slot: { date: string; time: string; endTime: string }): string {
  return `${fullDateLabel(slot.date)} ${slot.time}-${slot.endTime}`;
}
