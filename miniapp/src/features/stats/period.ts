import { STATS_MAX_DAYS } from '@veterans/shared';

/**
 * The statistics period: two Beijing calendar dates, both included (as `GET /staff/stats?from&to` takes
 * them), and its presets 本月 / 本季度 / 本年 / 上年 — each up to today.
 */

export interface Period {
  from: string;
  to: string;
}

export type PresetKey = 'month' | 'quarter' | 'year' | 'last-year';

export const presetLabels: Record<PresetKey, string> = {
  month: '本月',
  quarter: '本季度',
  year: '本年',
  'last-year': '上年',
};

export const presetKeys: readonly PresetKey[] = ['month', 'quarter', 'year', 'last-year'];

const pad = (value: number) => String(value).padStart(2, '0');

/** The period of a preset, on `today` (`YYYY-MM-DD`, Beijing). */
export function presetPeriod(key: PresetKey, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (key) {
    case 'month':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'quarter':
      return { from: `${year}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'year':
      return { from: `${year}-01-01`, to: today };
    case 'last-year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** The preset a period is, if any (to mark its button). */
export function presetOf(period: Period, today: string): PresetKey | null {
  return (
    presetKeys.find((key) => {
      const preset = presetPeriod(key, today);
      return preset.from === period.from && preset.to === period.to;
    }) ?? null
  );
}

function dayNumber(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) return null;
  return Math.round(time / 86_400_000);
}

/** Days in the period, both ends counted; null when a date is not one. */
export function periodDays(period: Period): number | null {
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  return from === null || to === null ? null : to - from + 1;
}

/** What is wrong with a period, in words, or null. */
export function periodProblem(period: Period): string | null {
  if (dayNumber(period.from) === null) return '请选择起始日期';
  if (dayNumber(period.to) === null) return '请选择截止日期';
  const days = periodDays(period) ?? 0;
  if (days < 1) return '起始日期不能晚于截止日期';
  if (days > STATS_MAX_DAYS) return '统计期间最长两年';
  return null;
}
