import { addCalendarDays } from '../calendar/working-days';
import { monthsOf, type RequestFigureRows } from './aggregate';

/**
 * Which request figures of a period come from the monthly rollups (rollups.ts) and which days still need a live
 * scan of the requests. A month the period covers whole (up to today, as no request is submitted later) is read
 * from its rollup. A month it covers in part costs a live scan of the smaller side: the days inside the period
 * (added), or the month's rollup minus the days outside it (subtracted). So a year from today back (the bench's
 * question) scans at most two weeks of requests, and "this year so far" (the default) scans none.
 */
export interface LiveWindow {
  /** Beijing dates, both included. */
  from: string;
  to: string;
  sign: 1 | -1;
}

export interface StatsPlan {
  /** yyyymm range read from the rollups, or null. */
  rollup: { fromMonth: number; toMonth: number } | null;
  live: LiveWindow[];
}

const DAY_MS = 86_400_000;
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

/** The plan for `from`–`to` (Beijing dates, from ≤ to) when the Beijing date is `today`. */
export function planStatsPeriod(from: string, to: string, today: string): StatsPlan {
  const rollupMonths: number[] = [];
  const live: LiveWindow[] = [];
  const add = (window: LiveWindow) => {
    const previous = live.at(-1);
    // Adjacent windows of one sign are one scan.
    if (previous && previous.sign === window.sign && addCalendarDays(previous.to, 1) === window.from) {
      previous.to = window.to;
    } else live.push(window);
  };
  for (const month of monthsOf(from, to)) {
    const first = `${month}-01`;
    const dataEnd = minDate(lastDayOf(month), today);
    const inside = { from: maxDate(from, first), to: minDate(to, dataEnd) };
    if (inside.from > inside.to) continue; // a month (or the part of one) after today: nothing submitted yet
    const before = inside.from > first ? { from: first, to: addCalendarDays(inside.from, -1) } : null;
    const after = inside.to < dataEnd ? { from: addCalendarDays(inside.to, 1), to: dataEnd } : null;
    const outsideDays = (before ? daysIn(before.from, before.to) : 0) + (after ? daysIn(after.from, after.to) : 0);
    if (outsideDays > 0 && daysIn(inside.from, inside.to) <= outsideDays) {
      add({ ...inside, sign: 1 });
      continue;
    }
    rollupMonths.push(Number(month.replace('-', '')));
    if (before) add({ ...before, sign: -1 });
    if (after) add({ ...after, sign: -1 });
  }
  const rollup =
    rollupMonths.length > 0 ? { fromMonth: rollupMonths[0] as number, toMonth: rollupMonths.at(-1) as number } : null;
  return { rollup, live };
}

function summed<T extends { count: number }>(
  parts: readonly (readonly [readonly T[], 1 | -1])[],
  keyOf: (row: T) => string,
): T[] {
  const sums = new Map<string, T>();
  for (const [rows, sign] of parts) {
    for (const row of rows) {
      const name = keyOf(row);
      const sum = sums.get(name);
      if (sum) sum.count += sign * row.count;
      else sums.set(name, { ...row, count: sign * row.count });
    }
  }
  return [...sums.values()].filter((row) => row.count !== 0);
}

/** Rows of several sources, each added or subtracted, summed per group (groups that come to zero dropped). */
export function combineFigureRows(parts: readonly (readonly [RequestFigureRows, 1 | -1])[]): RequestFigureRows {
  return {
    counts: summed(
      parts.map(([rows, sign]) => [rows.counts, sign] as const),
      (row) => `${row.unitId}|${row.month}|${row.serviceCode}|${row.status}`,
    ),
    channels: summed(
      parts.map(([rows, sign]) => [rows.channels, sign] as const),
      (row) => `${row.channel}|${row.status}`,
    ),
    completed: summed(
      parts.map(([rows, sign]) => [rows.completed, sign] as const),
      (row) => `${row.serviceCode}|${row.workingDays}|${row.onTime}`,
    ),
  };
}
