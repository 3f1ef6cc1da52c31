import { createRequire } from 'node:module';

/**
 * Working days 工作日 as Chinese offices count them: Monday–Friday, minus statutory holidays, plus the
 * make-up workdays 调休上班 the State Council announces each year, with admin-entered overrides winning over
 * both. All dates are Beijing calendar dates (`YYYY-MM-DD`, Asia/Shanghai, which has no daylight saving).
 */

export type DayKind = 'holiday' | 'workday';

export interface DayOverride {
  kind: DayKind;
  name: string;
}

/** The statutory calendar: days off and make-up workdays by date, and which years the data covers. */
export interface StatutoryCalendar {
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
  years: ReadonlySet<number>;
}

export interface WorkingCalendar {
  statutory: StatutoryCalendar;
  overrides: ReadonlyMap<string, DayOverride>;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** `"National Day,国庆节,3"` → `国庆节` */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return parts[1] ?? parts[0] ?? entry;
}

/** Builds the statutory calendar from the data of the `chinese-days` library (`{holidays, workdays}` by date). */
export function statutoryCalendarFrom(data: ChineseDaysData): StatutoryCalendar {
  const holidays = new Map(Object.entries(data.holidays).map(([day, entry]) => [day, chineseName(entry)]));
  const workdays = new Map(Object.entries(data.workdays).map(([day, entry]) => [day, chineseName(entry)]));
  const years = new Set([...holidays.keys()].map((day) => Number(day.slice(0, 4))));
  return { holidays, workdays, years };
}

let statutory: StatutoryCalendar | undefined;

/** The statutory calendar the installed `chinese-days` release knows (it ships its data as JSON). */
export function statutoryCalendar(): StatutoryCalendar {
  if (!statutory) {
    const require = createRequire(import.meta.url);
    statutory = statutoryCalendarFrom(require('chinese-days/dist/chinese-days.json') as ChineseDaysData);
  }
  return statutory;
}

export function workingCalendar(overrides: ReadonlyMap<string, DayOverride> = new Map()): WorkingCalendar {
  return { statutory: statutoryCalendar(), overrides };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant: 2026-09-30T15:30Z is 2026-09-30 23:30 in Beijing → `2026-09-30`. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Dates already checked and parsed. The same few hundred dates are parsed again and again (each slot of a month's
 * listing, each day of a count), and the check — pattern, parse, round trip — was a good part of that work.
 * Bounded: cleared when full.
 */
const parsedDates = new Map<string, number>();
const PARSED_DATES_LIMIT = 10_000;

function parseDate(date: string): number {
  const known = parsedDates.get(date);
  if (known !== undefined) return known;
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  if (parsedDates.size >= PARSED_DATES_LIMIT) parsedDates.clear();
  parsedDates.set(date, time);
  return time;
}

/** `date` plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(parseDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export type DaySource = 'override' | 'statutory' | 'weekday';

export interface DayInfo {
  date: string;
  working: boolean;
  source: DaySource;
  /** Holiday or make-up workday name (国庆节), or the override's name. */
  name: string | null;
}

/** True when the library has the State Council's schedule for that year, or an admin entered days for it. */
export function calendarKnown(year: number, calendar: WorkingCalendar): boolean {
  if (calendar.statutory.years.has(year)) return true;
  const prefix = `${year}-`;
  for (const day of calendar.overrides.keys()) if (day.startsWith(prefix)) return true;
  return false;
}

/** Whether a date is a working day, and what decided it: an override, the statutory schedule, or the weekday. */
export function dayInfo(date: string, calendar: WorkingCalendar): DayInfo {
  const time = parseDate(date);
  const override = calendar.overrides.get(date);
  if (override) return { date, working: override.kind === 'workday', source: 'override', name: override.name };
  const holiday = calendar.statutory.holidays.get(date);
  if (holiday) return { date, working: false, source: 'statutory', name: holiday };
  const workday = calendar.statutory.workdays.get(date);
  if (workday) return { date, working: true, source: 'statutory', name: workday };
  const weekday = new Date(time).getUTCDay();
  return { date, working: weekday !== 0 && weekday !== 6, source: 'weekday', name: null };
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return dayInfo(date, calendar).working;
}

/** A year without any working day would loop forever; no real calendar comes near this. */
const MAX_SCAN_DAYS = 3660;

/**
 * The date `days` working days after `startDate`; the start date itself never counts (a request submitted
 * on Wednesday with 1 working day is due Thursday; one submitted on Saturday is due Monday).
 */
export function addWorkingDays(startDate: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${days}`);
  let date = startDate;
  parseDate(startDate);
  for (let counted = 0, scanned = 0; counted < days; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) counted += 1;
    if (++scanned > MAX_SCAN_DAYS) throw new RangeError('The calendar has no working days');
  }
  return date;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}
