import { STATS_MAX_DAYS, type Stats, type StatsQuery } from '@veterans/shared';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { StaffCaller } from '../../plugins/caller';
import { addCalendarDays, beijingDate } from '../calendar/working-days';
import { assertInScope } from '../org-units/scope';
import {
  handlingTables,
  legalTables,
  type RequestFigureRows,
  ratingTables,
  requestTables,
  type ScopeUnits,
  verifiedTables,
} from './aggregate';
import { combineFigureRows, planStatsPeriod, type StatsPlan } from './period-plan';
import {
  ancestorsOf,
  bookingCounts,
  channelCounts,
  completedRequests,
  findUnitInfo,
  ratingCounts,
  requestCounts,
  type StatsWindow,
  subtreeOf,
  verifiedCounts,
} from './queries';
import { rolledUpFigureRows } from './rollups';

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Beijing midnight starting a calendar date, as an instant. */
export function beijingMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The period asked for, defaulting to this year so far (Beijing); at most two years, `from` ≤ `to`. */
export function resolvePeriod(query: Pick<StatsQuery, 'from' | 'to'>, now: Date): Period {
  const today = beijingDate(now);
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw new AppError('VALIDATION_FAILED', '起始日期不能晚于截止日期', [
      { path: 'querystring.from', message: '起始日期不能晚于截止日期' },
    ]);
  }
  const days = Math.round((beijingMidnight(to).getTime() - beijingMidnight(from).getTime()) / DAY_MS) + 1;
  if (days > STATS_MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', '统计期间最长两年', [
      { path: 'querystring.to', message: '统计期间最长两年' },
    ]);
  }
  return { from, to };
}

/** The unit asked for (default: the caller's), which must be theirs or below it: else 403 OUT_OF_SCOPE. */
export async function resolveScope(
  db: Database,
  caller: Pick<StaffCaller, 'unitId' | 'unitPath'>,
  unitId: number | undefined,
): Promise<ScopeUnits> {
  const scope = await findUnitInfo(db, unitId ?? caller.unitId);
  if (!scope) throw new AppError('UNIT_NOT_FOUND');
  assertInScope(caller, scope.path);
  const [subtree, ancestors] = await Promise.all([subtreeOf(db, scope), ancestorsOf(db, scope)]);
  return { scope, subtree, ancestors };
}

/** Beijing wall-clock time `YYYY-MM-DD HH:mm`. */
export function beijingDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The request figures (counts, channels, handling times) of the units over the planned period: the rollups of
 * the whole months plus or minus the live scans of the remaining days (period-plan.ts), all in one consistent
 * snapshot so that a request changing meanwhile is never half counted. `live: true` scans the whole period
 * instead (the recomputation the rollups are tested against).
 */
export async function requestFigureRows(
  db: Database,
  unitIds: number[],
  period: Period,
  now: Date,
  options: { live?: boolean } = {},
): Promise<RequestFigureRows> {
  const plan: StatsPlan = options.live
    ? { rollup: null, live: [{ from: period.from, to: period.to, sign: 1 }] }
    : planStatsPeriod(period.from, period.to, beijingDate(now));
  return db.transaction(
    async (tx) => {
      const parts: [RequestFigureRows, 1 | -1][] = [];
      if (plan.rollup) {
        const { fromMonth, toMonth } = plan.rollup;
        for (const rows of await rolledUpFigureRows(tx, unitIds, fromMonth, toMonth)) parts.push([rows, 1]);
      }
      for (const live of plan.live) {
        const window: StatsWindow = {
          unitIds,
          start: beijingMidnight(live.from),
          end: beijingMidnight(addCalendarDays(live.to, 1)),
        };
        const counts = await requestCounts(tx, window);
        const channels = await channelCounts(tx, window);
        const completed = await completedRequests(tx, window);
        parts.push([{ counts, channels, completed }, live.sign]);
      }
      return combineFigureRows(parts);
    },
    // (Not also `accessMode: 'read only'`: drizzle then writes "… CONSISTENT SNAPSHOT read only", without the comma.)
    { isolationLevel: 'repeatable read', withConsistentSnapshot: true },
  );
}

/** All the figures of one unit subtree and period (see packages/shared/src/stats.ts for the definitions). */
export async function computeStats(
  db: Database,
  units: ScopeUnits,
  period: Period,
  now: Date,
  options: { live?: boolean } = {},
): Promise<Stats> {
  const window: StatsWindow = {
    unitIds: units.subtree.map((unit) => unit.id),
    start: beijingMidnight(period.from),
    end: beijingMidnight(addCalendarDays(period.to, 1)),
  };
  const isDistrict = units.scope.level === 'district';
  const [figures, ratingRows, bookings, verified] = await Promise.all([
    requestFigureRows(db, window.unitIds, period, now, options),
    ratingCounts(db, window),
    isDistrict ? bookingCounts(db, window) : Promise.resolve(null),
    verifiedCounts(db, window, isDistrict),
  ]);
  return {
    period,
    unit: { id: units.scope.id, code: units.scope.code, name: units.scope.name, level: units.scope.level },
    generatedAt: now.toISOString(),
    requests: requestTables(figures.counts, units, period, figures.channels),
    handling: handlingTables(figures.completed),
    ratings: ratingTables(ratingRows),
    legal: bookings === null ? null : legalTables(bookings),
    verifiedVeterans: verifiedTables(verified, units),
  };
}
