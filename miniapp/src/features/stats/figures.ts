import type { ChannelRow, Stats } from '@veterans/shared';
import { type BarRow, monthLabel } from './chart';

/** 0.857 → `85.7%`; null (nothing to divide by) → `—`. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const percent = Math.round(rate * 1000) / 10;
  return `${percent}%`;
}

/** Working days: 3 → `3`, 3.25 → `3.3`; null → `—`. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  return String(Math.round(days * 10) / 10);
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface KeyFigure {
  key: string;
  label: string;
  value: string;
  /** What the number counts, under it. */
  note: string;
}

/** The big numbers at the top of the statistics page. */
export function keyFigures(stats: Stats): KeyFigure[] {
  const { requests, handling, ratings, legal } = stats;
  const figures: KeyFigure[] = [
    { key: 'total', label: '受理总数', value: String(requests.total), note: '期间内提交的办件' },
    {
      key: 'completion',
      label: '办结率',
      value: formatRate(ratio(handling.overall.completed, requests.total)),
      note: `已办结 ${handling.overall.completed} 件`,
    },
    {
      key: 'on-time',
      label: '按时办结率',
      value: formatRate(handling.overall.onTimeRate),
      note: `承诺时限内办结 ${handling.overall.onTime} 件`,
    },
    {
      key: 'days',
      label: '办理天数',
      value: `${formatDays(handling.overall.medianWorkingDays)} / ${formatDays(handling.overall.p90WorkingDays)}`,
      note: '中位数 / 90% 分位（工作日）',
    },
    {
      key: 'satisfaction',
      label: '满意率',
      value: formatRate(ratings.satisfactionRate),
      note: `共 ${ratings.total} 条评价`,
    },
    {
      key: 'follow-ups',
      label: '差评整改完成率',
      value: formatRate(ratings.followUps.closureRate),
      note: `整改 ${ratings.followUps.closed} / ${ratings.followUps.opened} 件`,
    },
  ];
  if (legal) {
    figures.push({
      key: 'legal',
      label: '法律咨询',
      value: `${legal.booked} / ${legal.held} / ${legal.noShows}`,
      note: '预约 / 到场 / 未到（人次）',
    });
  }
  return figures;
}

/** Bars of the chart by service type: submitted, with completed inside. */
export function serviceBars(stats: Stats): BarRow[] {
  return stats.requests.byService.map((row) => ({
    key: row.serviceCode,
    label: row.serviceName,
    value: row.total,
    part: row.completed,
  }));
}

/** Bars of the chart by channel (线上, and what staff filed at the counter, on the phone, on a visit). */
export function channelBars(rows: readonly ChannelRow[]): BarRow[] {
  return rows.map((row) => ({
    key: row.channel,
    label: row.label,
    value: row.total,
    part: row.completed,
  }));
}

/** Columns of the monthly trend: submitted, with completed inside. */
export function monthBars(stats: Stats): BarRow[] {
  return stats.requests.byMonth.map((row, index) => ({
    key: row.month,
    label: monthLabel(row.month, index === 0),
    value: row.submitted,
    part: row.completed,
  }));
}
