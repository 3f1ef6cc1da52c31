import { describe, expect, it } from 'vitest';
import { workingCalendar, workingDaysBetween } from '../calendar/working-days';
import {
  type CompletedRow,
  channelTable,
  DISTRICT_SELF_LABEL,
  handlingTables,
  legalTables,
  median,
  monthsOf,
  NO_COMMUNITY_LABEL,
  percentileInc,
  type RequestCountRow,
  ratingTables,
  requestTables,
  type ScopeUnits,
  streetOf,
  type UnitInfo,
  verifiedTables,
} from './aggregate';

const calendar = workingCalendar();

/** Values as a histogram. */
const histogram = (...values: number[]) => {
  const map = new Map<number, number>();
  for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  return map;
};

describe('percentiles (as Excel MEDIAN / PERCENTILE.INC)', () => {
  it('computes the median of odd and even counts', () => {
    expect(median(histogram(9, 0, 4, 3, 6))).toBe(4);
    expect(median(histogram(4, 6))).toBe(5);
    expect(median(histogram(7))).toBe(7);
    expect(median(new Map())).toBeNull();
  });

  it('interpolates the 90th percentile between ranks', () => {
    expect(percentileInc(histogram(0, 3, 4, 6, 9), 0.9)).toBe(7.8);
    expect(percentileInc(histogram(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9)).toBe(9.1);
    expect(percentileInc(histogram(0, 3, 4), 0.9)).toBe(3.8);
    expect(percentileInc(histogram(5), 0.9)).toBe(5);
  });

  it('reads weighted histograms the same as the list of values', () => {
    const weighted = new Map([
      [2, 3],
      [10, 1],
    ]); // 2, 2, 2, 10
    expect(median(weighted)).toBe(2);
    expect(percentileInc(weighted, 0.9)).toBe(7.6); // h = 2.7 → 2 + 0.7 × 8
    expect(percentileInc([[1, 0]], 0.5)).toBeNull();
  });
});

describe('handling time in working days over the 2025 National Day holiday', () => {
  // What requests.handling_working_days holds for the hand-computed requests below (stored at completion).
  it('skips 10-01…10-08 and counts the make-up Sunday 09-28 and Saturday 10-11', () => {
    expect(workingDaysBetween('2025-09-29', '2025-10-10', calendar)).toBe(3); // 09-30, 10-09, 10-10
    expect(workingDaysBetween('2025-09-26', '2025-10-09', calendar)).toBe(4); // 09-28 (调休), 09-29, 09-30, 10-09
    expect(workingDaysBetween('2025-09-30', '2025-10-15', calendar)).toBe(6); // 10-09, 10-10, 10-11 (调休), 10-13…15
    expect(workingDaysBetween('2025-09-01', '2025-09-01', calendar)).toBe(0);
    expect(workingDaysBetween('2025-10-20', '2025-10-31', calendar)).toBe(9);
  });
});

/** The hand-computed data set of routes.test.ts, as the SQL groups it. */
const completed: CompletedRow[] = [
  // R1 card: 09-29 → 10-10, 3 working days, due 10-27: on time
  { serviceCode: 'preferential-card', workingDays: 3, onTime: true, count: 1 },
  // R2 policy question: 09-26 → 10-09, 4 working days (the make-up Sunday counts), due 10-10: on time
  { serviceCode: 'policy-question', workingDays: 4, onTime: true, count: 1 },
  // R3 policy question: 09-30 → 10-15, 6 working days, due 10-13: two days late
  { serviceCode: 'policy-question', workingDays: 6, onTime: false, count: 1 },
  // R4 appeal: the same day, 0
  { serviceCode: 'appeal', workingDays: 0, onTime: true, count: 1 },
  // R5 hardship aid: 10-20 → 10-31, 9 working days, due 11-10: on time
  { serviceCode: 'hardship-aid', workingDays: 9, onTime: true, count: 1 },
];

describe('handling time and on-time rate', () => {
  it('matches the hand-computed figures', () => {
    const handling = handlingTables(completed);
    // Days 0, 3, 4, 6, 9
    expect(handling.overall).toEqual({
      completed: 5,
      medianWorkingDays: 4,
      p90WorkingDays: 7.8,
      onTime: 4,
      onTimeRate: 0.8,
    });
    const byCode = Object.fromEntries(handling.byService.map((row) => [row.serviceCode, row]));
    expect(byCode['policy-question']).toMatchObject({
      completed: 2,
      medianWorkingDays: 5,
      p90WorkingDays: 5.8,
      onTime: 1,
      onTimeRate: 0.5,
      promisedWorkingDays: 5,
    });
    expect(byCode['preferential-card']).toMatchObject({ completed: 1, medianWorkingDays: 3, onTimeRate: 1 });
    expect(byCode.resettlement).toMatchObject({
      completed: 0,
      medianWorkingDays: null,
      p90WorkingDays: null,
      onTimeRate: null,
    });
  });

  it('leaves requests without a due date out of the on-time rate only', () => {
    const handling = handlingTables([{ serviceCode: 'appeal', workingDays: 2, onTime: null, count: 2 }]);
    expect(handling.overall).toEqual({
      completed: 2,
      medianWorkingDays: 2,
      p90WorkingDays: 2,
      onTime: 0,
      onTimeRate: null,
    });
  });
});

const unit = (id: number, code: string, level: UnitInfo['level'], path: string, name = code): UnitInfo => ({
  id,
  code,
  name,
  level,
  path,
});
const district = unit(1, 'weidu', 'district', '/weidu/', '区中心');
const xidajie = unit(2, 'xidajie', 'street', '/weidu/xidajie/', '西大街');
const wenhua = unit(3, 'xidajie-wenhua', 'community', '/weidu/xidajie/xidajie-wenhua/', '文化社区');
const dongdajie = unit(4, 'dongdajie', 'street', '/weidu/dongdajie/', '东大街');
const dongcheng = unit(5, 'dongdajie-dongcheng', 'community', '/weidu/dongdajie/dongdajie-dongcheng/', '东城社区');
const districtScope: ScopeUnits = {
  scope: district,
  subtree: [district, xidajie, wenhua, dongdajie, dongcheng],
  ancestors: [],
};

describe('request tables', () => {
  const rows: RequestCountRow[] = [
    { unitId: 3, serviceCode: 'preferential-card', status: 'completed', month: '2025-09', count: 1 },
    { unitId: 3, serviceCode: 'preferential-card', status: 'rejected', month: '2025-09', count: 1 },
    { unitId: 2, serviceCode: 'appeal', status: 'completed', month: '2025-09', count: 1 },
    { unitId: 5, serviceCode: 'policy-question', status: 'processing', month: '2025-10', count: 2 },
    { unitId: 1, serviceCode: 'hardship-aid', status: 'completed', month: '2025-10', count: 1 },
  ];

  it('counts by service, status, 街道 (from the unit path) and month', () => {
    const tables = requestTables(rows, districtScope, { from: '2025-09-01', to: '2025-10-31' }, []);
    expect(tables.total).toBe(6);
    expect(tables.byService.find((row) => row.serviceCode === 'preferential-card')).toMatchObject({
      total: 2,
      completed: 1,
    });
    expect(tables.byService).toHaveLength(6);
    expect(Object.fromEntries(tables.byStatus.map((row) => [row.status, row.count]))).toEqual({
      submitted: 0,
      accepted: 0,
      processing: 2,
      needs_supplement: 0,
      completed: 3,
      rejected: 1,
      withdrawn: 0,
    });
    expect(tables.byStreet.map((row) => [row.name, row.total])).toEqual([
      [DISTRICT_SELF_LABEL, 1],
      ['东大街', 2],
      ['西大街', 3],
    ]);
    expect(tables.byStreet[2]?.byStatus).toMatchObject({ completed: 2, rejected: 1 });
    expect(tables.byMonth).toEqual([
      { month: '2025-09', submitted: 3, completed: 2 },
      { month: '2025-10', submitted: 3, completed: 1 },
    ]);
  });

  it('shows one row, its own 街道, for a community scope', () => {
    const scope: ScopeUnits = { scope: wenhua, subtree: [wenhua], ancestors: [district, xidajie] };
    const tables = requestTables(rows.slice(0, 2), scope, { from: '2025-09-01', to: '2025-09-30' }, []);
    expect(tables.byStreet.map((row) => [row.unitId, row.name, row.total])).toEqual([[2, '西大街', 2]]);
  });

  it('finds the 街道 of a unit by its path', () => {
    const byCode = new Map(districtScope.subtree.map((u) => [u.code, u]));
    expect(streetOf(dongcheng, byCode)?.code).toBe('dongdajie');
    expect(streetOf(xidajie, byCode)?.code).toBe('xidajie');
    expect(streetOf(district, byCode)).toBeNull();
  });

  it('lists every month of the period', () => {
    expect(monthsOf('2024-11-15', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});

describe('好差评', () => {
  it('computes satisfaction and the follow-up closure rate', () => {
    const figures = ratingTables([
      { level: 5, followUpStatus: null, count: 1 },
      { level: 4, followUpStatus: null, count: 1 },
      { level: 3, followUpStatus: null, count: 1 },
      { level: 2, followUpStatus: 'open', count: 1 },
      { level: 1, followUpStatus: 'closed', count: 1 },
    ]);
    expect(figures).toEqual({
      total: 5,
      byLevel: [
        { level: 5, label: '非常满意', count: 1 },
        { level: 4, label: '满意', count: 1 },
        { level: 3, label: '基本满意', count: 1 },
        { level: 2, label: '不满意', count: 1 },
        { level: 1, label: '非常不满意', count: 1 },
      ],
      satisfied: 2,
      satisfactionRate: 0.4,
      followUps: { opened: 2, closed: 1, open: 1, closureRate: 0.5 },
    });
    expect(ratingTables([]).satisfactionRate).toBeNull();
  });
});

describe('legal consultations', () => {
  it('counts bookings by status and topic', () => {
    const figures = legalTables([
      { topic: 'labour', status: 'checked_in', count: 2 },
      { topic: 'labour', status: 'no_show', count: 1 },
      { topic: 'labour', status: 'cancelled_by_centre', count: 1 },
      { topic: 'housing', status: 'cancelled', count: 1 },
      { topic: 'other', status: 'booked', count: 1 },
    ]);
    expect(figures).toMatchObject({ booked: 6, held: 2, cancelled: 2, cancelledByCentre: 1, noShows: 1, pending: 1 });
    expect(figures.byTopic.find((row) => row.topic === 'labour')).toEqual({
      topic: 'labour',
      label: '劳动就业',
      booked: 4,
      held: 2,
      cancelled: 1,
      noShows: 1,
      pending: 0,
    });
  });
});

describe('new verified veterans', () => {
  it('lists every community of the scope, then those without one', () => {
    const figures = verifiedTables(
      [
        { communityUnitId: 3, count: 2 },
        { communityUnitId: null, count: 1 },
      ],
      districtScope,
    );
    expect(figures).toEqual({
      total: 3,
      byCommunity: [
        { unitId: 5, name: '东城社区', streetName: '东大街', count: 0 },
        { unitId: 3, name: '文化社区', streetName: '西大街', count: 2 },
        { unitId: null, name: NO_COMMUNITY_LABEL, streetName: null, count: 1 },
      ],
    });
  });
});

describe('SQL group keys', () => {
  it('turns MySQL year-months into months', async () => {
    const { yearMonthToMonth } = await import('./queries');
    expect(yearMonthToMonth(202_509)).toBe('2025-09');
    expect(yearMonthToMonth(202_512)).toBe('2025-12');
  });

  it('takes the month of an instant in Beijing, as the submitted_month column does', async () => {
    const { yearMonthOf } = await import('./queries');
    expect(yearMonthOf(new Date('2025-09-30T15:59:59.999Z'))).toBe(202_509);
    expect(yearMonthOf(new Date('2025-09-30T16:00:00.000Z'))).toBe(202_510); // Oct 1, 00:00 in Beijing
    expect(yearMonthOf(new Date('2025-12-31T16:00:00.000Z'))).toBe(202_601);
  });
});

describe('channelTable', () => {
  it('lists every channel, counting submitted requests and the completed among them (drafts never)', () => {
    expect(
      channelTable([
        { channel: 'online', status: 'completed', count: 4 },
        { channel: 'online', status: 'submitted', count: 2 },
        { channel: 'counter', status: 'completed', count: 1 },
        { channel: 'counter', status: 'draft', count: 9 },
        { channel: 'phone', status: 'processing', count: 3 },
      ]),
    ).toEqual([
      { channel: 'online', label: '线上', total: 6, completed: 4 },
      { channel: 'counter', label: '窗口', total: 1, completed: 1 },
      { channel: 'phone', label: '电话', total: 3, completed: 0 },
      { channel: 'home', label: '上门', total: 0, completed: 0 },
    ]);
  });
});
