import { and, between, count, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  legalBookings,
  legalSlots,
  orgUnits,
  ratingFollowUps,
  ratings,
  serviceRequests,
  users,
} from '../../db/schema/index';
import { escapeLike, LIKE_ESCAPE } from '../articles/search';
import { beijingDate } from '../calendar/working-days';
import type {
  BookingRow,
  ChannelCountRow,
  CompletedRow,
  RatingRow,
  RequestCountRow,
  UnitInfo,
  VerifiedRow,
} from './aggregate';

/**
 * The statistics queries. Each scans one index range per unit of the scope, inside an index that covers it —
 * the counts `service_requests_counts_idx`, the handling times `service_requests_stats_idx` (completed first),
 * the ratings `ratings_stats_idx`, the verified veterans `users_community_verified_idx` — and returns grouped rows, never one row per request: handling time is the working-day
 * count stored at completion, so a year of 200k requests comes back as a few thousand rows. Dates are Beijing dates
 * (UTC + 8 h; China has no daylight saving), with expressions free of bound parameters so that MySQL's
 * ONLY_FULL_GROUP_BY sees the select and GROUP BY expressions as the same.
 */

/** A database or an open transaction (the request figures read in one snapshot). */
type Reader = Pick<Database, 'select'>;

export interface StatsWindow {
  unitIds: number[];
  /** First instant of the period (Beijing midnight of `from`). */
  start: Date;
  /** First instant after the period (Beijing midnight after `to`). */
  end: Date;
}

/** A yyyymm month (202509) as `2025-09`. */
export function yearMonthToMonth(yearMonth: number): string {
  return `${Math.floor(yearMonth / 100)}-${String(yearMonth % 100).padStart(2, '0')}`;
}

/** The Beijing month (yyyymm) of an instant. */
export function yearMonthOf(instant: Date): number {
  return Number(beijingDate(instant).slice(0, 7).replace('-', ''));
}

/**
 * The index to read the handling times through. Named, because for the completed requests MariaDB prefers the
 * narrower (status, due_date) index and then reads every completed row of the table: 4× slower at 200k requests.
 */
const HANDLING_TIMES_INDEX = { forceIndex: 'service_requests_stats_idx' };

/** Requests of the scope submitted in the period (drafts have no submission time, so never count). */
function requestsInWindow(window: StatsWindow): SQL {
  return and(
    inArray(serviceRequests.unitId, window.unitIds),
    gte(serviceRequests.submittedAt, window.start),
    lt(serviceRequests.submittedAt, window.end),
  ) as SQL;
}

/** The months of the window (its first and last in part), which lead service_requests_counts_idx after the unit. */
function inWindowMonths(window: StatsWindow): SQL {
  return between(
    serviceRequests.submittedMonth,
    yearMonthOf(window.start),
    yearMonthOf(new Date(window.end.getTime() - 1)),
  );
}

/**
 * Requests by unit, month, service and status, read in `service_requests_counts_idx` order: the month range
 * bounds the scan (the exact instants then trim the first and last month) and the GROUP BY follows the index, so
 * MariaDB counts as it scans.
 */
export async function requestCounts(db: Reader, window: StatsWindow): Promise<RequestCountRow[]> {
  if (window.unitIds.length === 0) return [];
  const rows = await db
    .select({
      unitId: serviceRequests.unitId,
      month: serviceRequests.submittedMonth,
      serviceCode: serviceRequests.serviceCode,
      status: serviceRequests.status,
      count: count(),
    })
    .from(serviceRequests, { forceIndex: 'service_requests_counts_idx' })
    .where(and(requestsInWindow(window), inWindowMonths(window)))
    .groupBy(
      serviceRequests.unitId,
      serviceRequests.submittedMonth,
      serviceRequests.serviceCode,
      serviceRequests.status,
    );
  return rows.map((row) => ({ ...row, month: yearMonthToMonth(Number(row.month)), count: Number(row.count) }));
}

/** Requests by channel and status, read in `service_requests_counts_idx` (which holds the channel too). */
export async function channelCounts(db: Reader, window: StatsWindow): Promise<ChannelCountRow[]> {
  if (window.unitIds.length === 0) return [];
  const rows = await db
    .select({ channel: serviceRequests.channel, status: serviceRequests.status, count: count() })
    .from(serviceRequests, { forceIndex: 'service_requests_counts_idx' })
    // The month range bounds the index scan (the window's instants alone, fifth in the index, do not).
    .where(and(requestsInWindow(window), inWindowMonths(window)))
    .groupBy(serviceRequests.channel, serviceRequests.status);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Completed on or before the due date (Beijing dates); NULL when the request had no due date. */
const completedOnTime = sql<
  number | null
>`CASE WHEN ${serviceRequests.dueDate} IS NULL THEN NULL ELSE DATE(${serviceRequests.completedAt} + INTERVAL 8 HOUR) <= ${serviceRequests.dueDate} END`;

export async function completedRequests(db: Reader, window: StatsWindow): Promise<CompletedRow[]> {
  if (window.unitIds.length === 0) return [];
  const rows = await db
    .select({
      serviceCode: serviceRequests.serviceCode,
      workingDays: serviceRequests.handlingWorkingDays,
      onTime: completedOnTime,
      count: count(),
    })
    .from(serviceRequests, HANDLING_TIMES_INDEX)
    .where(
      and(
        requestsInWindow(window),
        eq(serviceRequests.status, 'completed'),
        isNotNull(serviceRequests.handlingWorkingDays),
      ),
    )
    .groupBy(serviceRequests.serviceCode, serviceRequests.handlingWorkingDays, completedOnTime);
  return rows.map((row) => ({
    serviceCode: row.serviceCode,
    workingDays: Number(row.workingDays),
    onTime: row.onTime === null ? null : Number(row.onTime) === 1,
    count: Number(row.count),
  }));
}

/**
 * 好差评 of the requests in the window (by the request's unit and submission time, copied onto each rating), by
 * level and follow-up status. One statement (so one snapshot) of two parts: the ratings per level, counted inside
 * `ratings_stats_idx` without reading a row, and the follow-ups (only low ratings have one) joined to their
 * rating; the ratings without a follow-up are the difference. Joining every rating to its follow-up instead cost a
 * primary-key probe per rating (30k for a district year: 2–3× slower).
 */
export async function ratingCounts(db: Database, window: StatsWindow): Promise<RatingRow[]> {
  if (window.unitIds.length === 0) return [];
  const inWindow = and(
    inArray(ratings.unitId, window.unitIds),
    gte(ratings.requestSubmittedAt, window.start),
    lt(ratings.requestSubmittedAt, window.end),
  );
  const rows = await db
    .select({ level: ratings.level, followUpStatus: sql<'open' | 'closed' | null>`NULL`, count: count() })
    .from(ratings)
    .where(inWindow)
    .groupBy(ratings.level)
    .unionAll(
      db
        .select({ level: ratings.level, followUpStatus: ratingFollowUps.status, count: count() })
        .from(ratingFollowUps)
        .innerJoin(ratings, eq(ratings.id, ratingFollowUps.ratingId))
        .where(inWindow)
        .groupBy(ratings.level, ratingFollowUps.status),
    );
  const withoutFollowUp = new Map<number, number>();
  const result: RatingRow[] = [];
  for (const row of rows) {
    const level = Number(row.level);
    const rowCount = Number(row.count);
    if (row.followUpStatus === null) {
      withoutFollowUp.set(level, (withoutFollowUp.get(level) ?? 0) + rowCount);
    } else {
      withoutFollowUp.set(level, (withoutFollowUp.get(level) ?? 0) - rowCount);
      result.push({ level, followUpStatus: row.followUpStatus, count: rowCount });
    }
  }
  for (const [level, rest] of withoutFollowUp) {
    if (rest > 0) result.push({ level, followUpStatus: null, count: rest });
  }
  return result;
}

/** Bookings of the slots in the period (district-wide). */
export async function bookingCounts(db: Database, window: Pick<StatsWindow, 'start' | 'end'>): Promise<BookingRow[]> {
  const rows = await db
    .select({ topic: legalBookings.topic, status: legalBookings.status, count: count() })
    .from(legalSlots)
    .innerJoin(legalBookings, eq(legalBookings.slotId, legalSlots.id))
    .where(and(gte(legalSlots.startsAt, window.start), lt(legalSlots.startsAt, window.end)))
    .groupBy(legalBookings.topic, legalBookings.status);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Veterans verified in the period, by community; `withoutCommunity` adds those who named none. */
export async function verifiedCounts(
  db: Database,
  window: StatsWindow,
  withoutCommunity: boolean,
): Promise<VerifiedRow[]> {
  const inScope = withoutCommunity
    ? or(inArray(users.communityUnitId, window.unitIds), isNull(users.communityUnitId))
    : inArray(users.communityUnitId, window.unitIds);
  const rows = await db
    .select({ communityUnitId: users.communityUnitId, count: count() })
    // Named: MariaDB otherwise prefers users_veteran_status_idx and reads ~23k rows (90 ms instead of 11 ms).
    .from(users, { forceIndex: 'users_community_verified_idx' })
    .where(
      and(
        inScope,
        gte(users.verifiedAt, window.start),
        lt(users.verifiedAt, window.end),
        eq(users.veteranStatus, 'verified'),
        isNull(users.deletedAt),
      ),
    )
    .groupBy(users.communityUnitId);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

const unitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: orgUnits.name,
  level: orgUnits.level,
  path: orgUnits.path,
};

export async function findUnitInfo(db: Database, id: number): Promise<UnitInfo | undefined> {
  const [row] = await db.select(unitColumns).from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/** The unit and every unit below it (inactive ones too: their past requests still count). */
export async function subtreeOf(db: Database, unit: UnitInfo): Promise<UnitInfo[]> {
  return db
    .select(unitColumns)
    .from(orgUnits)
    .where(sql`${orgUnits.path} LIKE ${`${escapeLike(unit.path)}%`} ESCAPE '${sql.raw(LIKE_ESCAPE)}'`);
}

/** The units above one, by the codes in its path. */
export async function ancestorsOf(db: Database, unit: UnitInfo): Promise<UnitInfo[]> {
  const codes = unit.path
    .split('/')
    .filter(Boolean)
    .filter((code) => code !== unit.code);
  if (codes.length === 0) return [];
  return db.select(unitColumns).from(orgUnits).where(inArray(orgUnits.code, codes));
}
