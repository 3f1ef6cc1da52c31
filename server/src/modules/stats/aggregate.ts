import {
  type BookingStatus,
  bookingStatuses,
  type ChannelRow,
  findService,
  type HandlingFigures,
  type LegalFigures,
  type LegalTopic,
  legalTopicLabels,
  legalTopics,
  type OrgLevel,
  type RatingFigures,
  type RequestChannel,
  type RequestStatus,
  ratingLevelLabels,
  ratingLevels,
  requestChannelLabels,
  requestChannels,
  requestStatuses,
  requestStatusLabels,
  type ServiceCode,
  type Stats,
  type StatusCounts,
  type StreetRow,
  serviceCatalog,
} from '@veterans/shared';

/**
 * The statistics as pure functions over the small grouped rows the SQL returns (counts per unit × service ×
 * status × month, completed requests per service × working days taken × on time, …).
 * The database does the scanning and grouping; these do the arithmetic a report needs.
 */

// ---------------------------------------------------------------------------------------------------------------
// Percentiles

/**
 * The p-th percentile (0 ≤ p ≤ 1) of the values a histogram `value → how many` holds, interpolated between
 * ranks as Excel's PERCENTILE.INC (and MEDIAN, p = 0.5) compute it; null when empty. Rounded to 2 decimals.
 */
export function percentileInc(histogram: Iterable<readonly [number, number]>, p: number): number | null {
  const entries = [...histogram].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const position = (total - 1) * p;
  const lowerRank = Math.floor(position);
  const fraction = position - lowerRank;
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of entries) {
      seen += count;
      if (rank < seen) return value;
    }
    return (entries[entries.length - 1] as readonly [number, number])[0];
  };
  const lower = valueAt(lowerRank);
  const value = fraction === 0 ? lower : lower + fraction * (valueAt(lowerRank + 1) - lower);
  return Math.round(value * 100) / 100;
}

export const median = (histogram: Iterable<readonly [number, number]>) => percentileInc(histogram, 0.5);

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

// ---------------------------------------------------------------------------------------------------------------
// Org units

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
}

/** The chosen unit, the units below it, and those above it (to name the 街道 of a community). */
export interface ScopeUnits {
  scope: UnitInfo;
  /** The scope and every unit below it. */
  subtree: UnitInfo[];
  ancestors: UnitInfo[];
}

/** The request figures' grouped rows: counts, channels and handling times (from the rollups or a live scan). */
export interface RequestFigureRows {
  counts: RequestCountRow[];
  channels: ChannelCountRow[];
  completed: CompletedRow[];
}

/** The 街道 a unit belongs to (itself when it is one); null for the district centre. */
export function streetOf(unit: UnitInfo, byCode: ReadonlyMap<string, UnitInfo>): UnitInfo | null {
  for (const code of unit.path.split('/').filter(Boolean)) {
    const candidate = byCode.get(code);
    if (candidate?.level === 'street') return candidate;
  }
  return null;
}

function unitIndex(units: ScopeUnits) {
  const all = [...units.ancestors, ...units.subtree];
  return { byId: new Map(all.map((unit) => [unit.id, unit])), byCode: new Map(all.map((unit) => [unit.code, unit])) };
}

// ---------------------------------------------------------------------------------------------------------------
// Request counts

export interface RequestCountRow {
  unitId: number | null;
  serviceCode: ServiceCode;
  status: RequestStatus;
  /** YYYY-MM of submission (Beijing). */
  month: string;
  count: number;
}

/** Statuses a submitted request can be in (a draft has never been submitted). */
export const reportedStatuses: readonly RequestStatus[] = requestStatuses.filter((status) => status !== 'draft');

function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(reportedStatuses.map((status) => [status, 0])) as StatusCounts;
}

/** YYYY-MM of every month the period touches. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

export const DISTRICT_SELF_LABEL = '区服务中心（本级）';

export function requestTables(
  rows: readonly RequestCountRow[],
  units: ScopeUnits,
  period: { from: string; to: string },
  channels: readonly ChannelCountRow[],
): Stats['requests'] {
  const { byId, byCode } = unitIndex(units);
  const byService = new Map(serviceCatalog.map((service) => [service.code, { total: 0, completed: 0 }]));
  const byStatus = emptyStatusCounts();
  const months = new Map(monthsOf(period.from, period.to).map((month) => [month, { submitted: 0, completed: 0 }]));

  // One row per 街道 of the scope (all of them, even with nothing), plus the district centre itself.
  const streets = new Map<number | null, StreetRow>();
  const scopeStreet = streetOf(units.scope, byCode);
  if (units.scope.level === 'district') {
    streets.set(null, { unitId: null, name: DISTRICT_SELF_LABEL, total: 0, byStatus: emptyStatusCounts() });
  }
  const streetUnits = scopeStreet ? [scopeStreet] : units.subtree.filter((unit) => unit.level === 'street');
  for (const street of [...streetUnits].sort((a, b) => a.path.localeCompare(b.path))) {
    streets.set(street.id, { unitId: street.id, name: street.name, total: 0, byStatus: emptyStatusCounts() });
  }

  let total = 0;
  for (const row of rows) {
    if (row.status === 'draft') continue;
    total += row.count;
    const service = byService.get(row.serviceCode);
    if (service) {
      service.total += row.count;
      if (row.status === 'completed') service.completed += row.count;
    }
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
    const month = months.get(row.month);
    if (month) {
      month.submitted += row.count;
      if (row.status === 'completed') month.completed += row.count;
    }
    const unit = row.unitId === null ? undefined : byId.get(row.unitId);
    const street = unit ? streetOf(unit, byCode) : null;
    const streetRow = streets.get(street?.id ?? null);
    if (streetRow) {
      streetRow.total += row.count;
      streetRow.byStatus[row.status] = (streetRow.byStatus[row.status] ?? 0) + row.count;
    }
  }

  return {
    total,
    byService: serviceCatalog.map((service) => ({
      serviceCode: service.code,
      serviceName: service.name,
      ...(byService.get(service.code) ?? { total: 0, completed: 0 }),
    })),
    byStatus: reportedStatuses.map((status) => ({
      status,
      label: requestStatusLabels[status],
      count: byStatus[status] ?? 0,
    })),
    byStreet: [...streets.values()],
    byChannel: channelTable(channels),
    byMonth: [...months].map(([month, counts]) => ({ month, ...counts })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Channels (窗口代办 and the app)

export interface ChannelCountRow {
  channel: RequestChannel;
  status: RequestStatus;
  count: number;
}

/** Every channel, in catalogue order (also those with nothing): total and completed of the submitted requests. */
export function channelTable(rows: readonly ChannelCountRow[]): ChannelRow[] {
  return requestChannels.map((channel) => {
    const mine = rows.filter((row) => row.channel === channel && row.status !== 'draft');
    return {
      channel,
      label: requestChannelLabels[channel],
      total: mine.reduce((sum, row) => sum + row.count, 0),
      completed: mine.filter((row) => row.status === 'completed').reduce((sum, row) => sum + row.count, 0),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Handling time and on-time rate

export interface CompletedRow {
  serviceCode: ServiceCode;
  /** Working days from submission to completion (requests.handling_working_days). */
  workingDays: number;
  /** Completed on or before its due date; null when it had none. */
  onTime: boolean | null;
  count: number;
}

interface HandlingAccumulator {
  histogram: Map<number, number>;
  completed: number;
  onTime: number;
  withDueDate: number;
}

function accumulator(): HandlingAccumulator {
  return { histogram: new Map(), completed: 0, onTime: 0, withDueDate: 0 };
}

function figures(acc: HandlingAccumulator): HandlingFigures {
  return {
    completed: acc.completed,
    medianWorkingDays: median(acc.histogram),
    p90WorkingDays: percentileInc(acc.histogram, 0.9),
    onTime: acc.onTime,
    onTimeRate: rate(acc.onTime, acc.withDueDate),
  };
}

/**
 * Handling time in working days (submission day not counted) with median and 90th percentile, and the
 * on-time rate: completed on or before the due date, over the completed requests that had one.
 */
export function handlingTables(rows: readonly CompletedRow[]): Stats['handling'] {
  const overall = accumulator();
  const perService = new Map(serviceCatalog.map((service) => [service.code, accumulator()]));
  for (const row of rows) {
    for (const acc of [overall, perService.get(row.serviceCode)]) {
      if (!acc) continue;
      acc.histogram.set(row.workingDays, (acc.histogram.get(row.workingDays) ?? 0) + row.count);
      acc.completed += row.count;
      if (row.onTime !== null) {
        acc.withDueDate += row.count;
        if (row.onTime) acc.onTime += row.count;
      }
    }
  }
  return {
    overall: figures(overall),
    byService: serviceCatalog.map((service) => ({
      serviceCode: service.code,
      serviceName: service.name,
      promisedWorkingDays: service.promisedWorkingDays,
      ...figures(perService.get(service.code) ?? accumulator()),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 好差评

export interface RatingRow {
  level: number;
  /** The follow-up 回访整改 a low rating opened, if any. */
  followUpStatus: 'open' | 'closed' | null;
  count: number;
}

/** Satisfaction = (非常满意 + 满意) / all ratings; follow-up closure = closed / opened. */
export function ratingTables(rows: readonly RatingRow[]): RatingFigures {
  const byLevel = new Map<number, number>(ratingLevels.map((level) => [level, 0]));
  let opened = 0;
  let closed = 0;
  for (const row of rows) {
    byLevel.set(row.level, (byLevel.get(row.level) ?? 0) + row.count);
    if (row.followUpStatus !== null) opened += row.count;
    if (row.followUpStatus === 'closed') closed += row.count;
  }
  const total = [...byLevel.values()].reduce((sum, count) => sum + count, 0);
  const satisfied = (byLevel.get(5) ?? 0) + (byLevel.get(4) ?? 0);
  return {
    total,
    byLevel: ratingLevels.map((level) => ({ level, label: ratingLevelLabels[level], count: byLevel.get(level) ?? 0 })),
    satisfied,
    satisfactionRate: rate(satisfied, total),
    followUps: { opened, closed, open: opened - closed, closureRate: rate(closed, opened) },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Legal consultations

export interface BookingRow {
  topic: LegalTopic;
  status: BookingStatus;
  count: number;
}

export function legalTables(rows: readonly BookingRow[]): LegalFigures {
  const byStatus = Object.fromEntries(bookingStatuses.map((status) => [status, 0])) as Record<BookingStatus, number>;
  const topics = new Map(
    legalTopics.map((topic) => [topic, { booked: 0, held: 0, cancelled: 0, noShows: 0, pending: 0 }]),
  );
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
    const topic = topics.get(row.topic);
    if (!topic) continue;
    topic.booked += row.count;
    if (row.status === 'checked_in') topic.held += row.count;
    if (row.status === 'cancelled' || row.status === 'cancelled_by_centre') topic.cancelled += row.count;
    if (row.status === 'no_show') topic.noShows += row.count;
    if (row.status === 'booked') topic.pending += row.count;
  }
  return {
    booked: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
    held: byStatus.checked_in,
    cancelled: byStatus.cancelled + byStatus.cancelled_by_centre,
    cancelledByCentre: byStatus.cancelled_by_centre,
    noShows: byStatus.no_show,
    pending: byStatus.booked,
    byStatus,
    byTopic: legalTopics.map((topic) => ({
      topic,
      label: legalTopicLabels[topic],
      ...(topics.get(topic) ?? { booked: 0, held: 0, cancelled: 0, noShows: 0, pending: 0 }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// New verified veterans

export interface VerifiedRow {
  communityUnitId: number | null;
  count: number;
}

export const NO_COMMUNITY_LABEL = '未填写社区';

/** By community of the scope (every community listed, even with none), then those without one. */
export function verifiedTables(rows: readonly VerifiedRow[], units: ScopeUnits): Stats['verifiedVeterans'] {
  const { byId, byCode } = unitIndex(units);
  const counts = new Map<number | null, number>();
  for (const row of rows) counts.set(row.communityUnitId, (counts.get(row.communityUnitId) ?? 0) + row.count);
  const listed = units.subtree
    .filter((unit) => unit.level === 'community' || counts.has(unit.id))
    .sort((a, b) => a.path.localeCompare(b.path));
  const byCommunity: Stats['verifiedVeterans']['byCommunity'] = listed.map((unit) => ({
    unitId: unit.id,
    name: unit.name,
    streetName: streetOf(unit, byCode)?.name ?? null,
    count: counts.get(unit.id) ?? 0,
  }));
  const unknown = [...counts].filter(([id]) => id === null || !byId.has(id));
  const withoutCommunity = unknown.reduce((sum, [, count]) => sum + count, 0);
  if (withoutCommunity > 0) {
    byCommunity.push({ unitId: null, name: NO_COMMUNITY_LABEL, streetName: null, count: withoutCommunity });
  }
  return { total: byCommunity.reduce((sum, row) => sum + row.count, 0), byCommunity };
}

export function serviceName(code: ServiceCode): string {
  return findService(code)?.name ?? code;
}
