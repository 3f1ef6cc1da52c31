import type { CalendarDay, HolidayYear } from '@veterans/shared';
import { calendarKnown, type WorkingCalendar } from './working-days';

/** The years the installed holiday library covers, as a range for the admin page. */
export function libraryYears(calendar: WorkingCalendar): { from: number; to: number } {
  const years = [...calendar.statutory.years];
  return { from: Math.min(...years), to: Math.max(...years) };
}

/** Days off and make-up workdays of one year: the statutory schedule with the admins' overrides on top. */
export function yearView(year: number, calendar: WorkingCalendar): HolidayYear {
  const prefix = `${year}-`;
  const days = new Map<string, CalendarDay>();
  const statutoryKind = (date: string) =>
    calendar.statutory.holidays.has(date) ? 'holiday' : calendar.statutory.workdays.has(date) ? 'workday' : null;
  for (const [kind, source] of [
    ['holiday', calendar.statutory.holidays],
    ['workday', calendar.statutory.workdays],
  ] as const) {
    for (const [date, name] of source) {
      if (date.startsWith(prefix)) days.set(date, { date, kind, name, source: 'statutory', statutoryKind: kind });
    }
  }
  for (const [date, override] of calendar.overrides) {
    if (!date.startsWith(prefix)) continue;
    days.set(date, {
      date,
      kind: override.kind,
      name: override.name,
      source: 'override',
      statutoryKind: statutoryKind(date),
    });
  }
  return {
    year,
    libraryYears: libraryYears(calendar),
    calendarKnown: calendarKnown(year, calendar),
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
