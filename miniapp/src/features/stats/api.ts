import { type Stats, type StatsQuery, statsSchema } from '@veterans/shared';
import { request } from '../../api/client';

/** Bureau statistics 统计 (`GET /staff/stats`); definitions of every figure: packages/shared/src/stats.ts. */
export function fetchStats(query: StatsQuery): Promise<Stats> {
  return request('GET', '/staff/stats', { schema: statsSchema, query: { ...query }, quiet: true });
}

/** Query string of `GET /staff/stats/export` for the same period and unit. */
export function exportPath(query: StatsQuery): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `/staff/stats/export${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
