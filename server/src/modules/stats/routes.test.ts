import type { RequestStatus, ServiceCode, Stats } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  legalBookings,
  legalSlots,
  ratingFollowUps,
  ratings,
  serviceRequests,
  users,
} from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff, unitIdByCode } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { workingDaysSince } from '../calendar/queries';
import { ratingCounts } from './queries';
import { rebuildRequestStats } from './rollups';

/**
 * Statistics against hand-computed figures. The period 2025-09-01 … 2025-10-31 spans the 2025 National Day
 * holiday (10-01 … 10-08 off, Sunday 09-28 and Saturday 10-11 make-up workdays). Worked by hand:
 *
 * | req | service           | unit (街道)          | submitted (Beijing) | status     | completed (Beijing) | working days | due        | on time |
 * |-----|-------------------|----------------------|---------------------|------------|---------------------|--------------|------------|---------|
 * | R1  | preferential-card | 文化社区 (西大街)      | 09-29 10:00         | completed  | 10-10 16:00         | 3            | 10-27      | yes     |
 * | R2  | policy-question   | 文化社区 (西大街)      | 09-26 09:00         | completed  | 10-09 11:00         | 4 (09-28 调休) | 10-10      | yes     |
 * | R3  | policy-question   | 东城社区 (东大街)      | 09-30 15:00         | completed  | 10-15 10:00         | 6 (10-11 调休) | 10-13      | no      |
 * | R4  | appeal            | 西大街道站            | 09-01 08:30         | completed  | 09-01 17:00         | 0            | 09-22      | yes     |
 * | R5  | hardship-aid      | 区中心 (本级)          | 10-20 10:00         | completed  | 10-31 00:30 (UTC 10-30) | 9        | 11-10      | yes     |
 * | R6  | preferential-card | 东城社区 (东大街)      | 10-09 09:00         | processing |                     |              |            |         |
 * | R7  | preferential-card | 文化社区 (西大街)      | 09-15 09:00         | rejected   |                     |              |            |         |
 * | R8  | appeal            | 南湖社区 (南关)        | 10-31 23:30 (UTC 15:30) | submitted |                  |              |            |         |
 * | R12 | insurance-transfer| 东城社区 (东大街)      | 09-10 09:00         | withdrawn  |                     |              |            |         |
 * | R9  | policy-question   | 文化社区              | 11-01 00:10 (UTC 10-31) — outside the period                                      |
 * | R10 | appeal            | 文化社区              | 08-31 23:59 — outside the period                                                  |
 * | R11 | appeal            | 文化社区              | draft, never submitted                                                            |
 *
 * District: 9 requests; handling days 0,3,4,6,9 → median 4, P90 (PERCENTILE.INC) 6 + 0.6 × 3 = 7.8; on time 4/5.
 * Ratings R1 5, R2 4, R3 1 (follow-up closed), R4 2 (follow-up open), R5 3; R9 1 (outside) → 5 ratings,
 * satisfaction 2/5, closure 1/2. 西大街 scope: R1, R2, R4, R7 → days 0,3,4 → median 3, P90 3.8.
 */

let ctx: TestApp;
let app: FastifyInstance;
let districtStaff: string;
let streetStaff: string;
let applicantId: number;
const unitIds: Record<string, number> = {};

const bj = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

let numberSequence = 0;
async function request(options: {
  service: ServiceCode;
  unit: string;
  status: RequestStatus;
  submitted?: string;
  completed?: string;
  due?: string;
}): Promise<number> {
  numberSequence += 1;
  const [result] = await app.db.insert(serviceRequests).values({
    number: options.submitted ? `TS${String(numberSequence).padStart(4, '0')}` : null,
    serviceCode: options.service,
    status: options.status,
    applicantUserId: applicantId,
    subjectUserId: applicantId,
    unitId: unitIds[options.unit],
    submittedAt: options.submitted ? bj(options.submitted) : null,
    completedAt: options.completed ? bj(options.completed) : null,
    // As the completing transition stores it.
    handlingWorkingDays:
      options.submitted && options.completed
        ? await workingDaysSince(app.db, bj(options.submitted), bj(options.completed))
        : null,
    dueDate: options.due ?? null,
  });
  return result.insertId;
}

async function rate(requestId: number, level: number, followUp?: 'open' | 'closed', unit = 'weidu') {
  const [request] = await app.db
    .select({ unitId: serviceRequests.unitId, submittedAt: serviceRequests.submittedAt })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  // As rateRequest copies them from the completed request.
  const [result] = await app.db.insert(ratings).values({
    requestId,
    userId: applicantId,
    level,
    unitId: request?.unitId ?? null,
    requestSubmittedAt: request?.submittedAt ?? new Date(),
  });
  if (followUp) {
    await app.db.insert(ratingFollowUps).values({
      ratingId: result.insertId,
      requestId,
      unitId: unitIds[unit] as number,
      status: followUp,
    });
  }
}

async function slot(startsAt: string, bookings: [string, string][]) {
  const start = bj(startsAt);
  const [result] = await app.db.insert(legalSlots).values({
    ruleId: 1,
    startsAt: start,
    endsAt: new Date(start.getTime() + 30 * 60 * 1000),
    place: '区退役军人服务中心',
    capacity: 6,
    booked: bookings.length,
  });
  for (const [topic, status] of bookings) {
    await app.db.insert(legalBookings).values({
      slotId: result.insertId,
      userId: applicantId,
      subjectUserId: applicantId,
      topic: topic as 'labour',
      description: '咨询',
      status: status as 'booked',
    });
  }
}

async function verified(community: string | null, at: string | null, extra: Partial<typeof users.$inferInsert> = {}) {
  await app.db.insert(users).values({
    kind: 'veteran',
    veteranStatus: at ? 'verified' : 'pending',
    verifiedAt: at ? bj(at) : null,
    communityUnitId: community ? unitIds[community] : null,
    ...extra,
  });
}

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  await seedDemoData(app.db);
  for (const code of [
    'weidu',
    'xidajie',
    'xidajie-wenhua',
    'xidajie-xihu',
    'dongdajie',
    'dongdajie-dongcheng',
    'nanguan',
    'nanguan-nanhu',
  ]) {
    unitIds[code] = await unitIdByCode(app, code);
  }
  districtStaff = (await createStaff(app, { role: 'staff', unitCode: 'weidu' })).token;
  streetStaff = (await createStaff(app, { role: 'staff', unitCode: 'xidajie' })).token;
  applicantId = (await createCitizen(app)).id;

  const r1 = await request({
    service: 'preferential-card',
    unit: 'xidajie-wenhua',
    status: 'completed',
    submitted: '2025-09-29 10:00',
    completed: '2025-10-10 16:00',
    due: '2025-10-27',
  });
  const r2 = await request({
    service: 'policy-question',
    unit: 'xidajie-wenhua',
    status: 'completed',
    submitted: '2025-09-26 09:00',
    completed: '2025-10-09 11:00',
    due: '2025-10-10',
  });
  const r3 = await request({
    service: 'policy-question',
    unit: 'dongdajie-dongcheng',
    status: 'completed',
    submitted: '2025-09-30 15:00',
    completed: '2025-10-15 10:00',
    due: '2025-10-13',
  });
  const r4 = await request({
    service: 'appeal',
    unit: 'xidajie',
    status: 'completed',
    submitted: '2025-09-01 08:30',
    completed: '2025-09-01 17:00',
    due: '2025-09-22',
  });
  const r5 = await request({
    service: 'hardship-aid',
    unit: 'weidu',
    status: 'completed',
    submitted: '2025-10-20 10:00',
    completed: '2025-10-31 00:30',
    due: '2025-11-10',
  });
  await request({
    service: 'preferential-card',
    unit: 'dongdajie-dongcheng',
    status: 'processing',
    submitted: '2025-10-09 09:00',
    due: '2025-11-06',
  });
  await request({
    service: 'preferential-card',
    unit: 'xidajie-wenhua',
    status: 'rejected',
    submitted: '2025-09-15 09:00',
    due: '2025-10-20',
  });
  await request({
    service: 'appeal',
    unit: 'nanguan-nanhu',
    status: 'submitted',
    submitted: '2025-10-31 23:30',
    due: '2025-11-21',
  });
  await request({
    service: 'insurance-transfer',
    unit: 'dongdajie-dongcheng',
    status: 'withdrawn',
    submitted: '2025-09-10 09:00',
    due: '2025-10-09',
  });
  // Outside the period, or never submitted.
  const r9 = await request({
    service: 'policy-question',
    unit: 'xidajie-wenhua',
    status: 'completed',
    submitted: '2025-11-01 00:10',
    completed: '2025-11-03 10:00',
    due: '2025-11-07',
  });
  await request({
    service: 'appeal',
    unit: 'xidajie-wenhua',
    status: 'submitted',
    submitted: '2025-08-31 23:59',
    due: '2025-09-19',
  });
  await request({ service: 'appeal', unit: 'xidajie-wenhua', status: 'draft' });

  await rate(r1, 5);
  await rate(r2, 4);
  await rate(r3, 1, 'closed', 'dongdajie-dongcheng');
  await rate(r4, 2, 'open', 'xidajie');
  await rate(r5, 3);
  await rate(r9, 1, 'open', 'xidajie-wenhua');

  await slot('2025-09-02 09:00', [
    ['labour', 'checked_in'],
    ['marriage-family', 'checked_in'],
    ['labour', 'no_show'],
  ]);
  await slot('2025-09-30 09:00', [
    ['housing', 'cancelled'],
    ['labour', 'cancelled_by_centre'],
  ]);
  await slot('2025-10-28 09:00', [
    ['other', 'booked'],
    ['labour', 'checked_in'],
  ]);
  await slot('2025-11-04 09:00', [['labour', 'checked_in']]); // outside

  await verified('xidajie-wenhua', '2025-09-05 10:00');
  await verified('xidajie-xihu', '2025-10-31 23:00');
  await verified('dongdajie-dongcheng', '2025-10-01 10:00');
  await verified(null, '2025-09-20 10:00');
  await verified('xidajie-wenhua', '2025-11-01 01:00'); // outside
  await verified('xidajie-wenhua', null); // pending
  await verified('xidajie-wenhua', '2025-09-06 10:00', { deletedAt: new Date() }); // deleted account
  // The fixtures are written around the services, so the monthly rollups are built as the migration builds them.
  await rebuildRequestStats(app.db);
});
afterAll(() => ctx.close());

const PERIOD = 'from=2025-09-01&to=2025-10-31';

async function stats(token: string, query: string): Promise<Stats> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/staff/stats?${query}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('GET /staff/stats for the district', () => {
  let figures: Stats;
  beforeAll(async () => {
    figures = await stats(districtStaff, PERIOD);
  });

  it('counts requests by service, status, 街道 and month', () => {
    expect(figures.period).toEqual({ from: '2025-09-01', to: '2025-10-31' });
    expect(figures.unit).toMatchObject({ code: 'weidu', level: 'district' });
    expect(figures.requests.total).toBe(9);
    expect(
      Object.fromEntries(figures.requests.byService.map((row) => [row.serviceCode, [row.total, row.completed]])),
    ).toEqual({
      'preferential-card': [3, 1],
      'insurance-transfer': [1, 0],
      resettlement: [0, 0],
      'hardship-aid': [1, 1],
      appeal: [2, 1],
      'policy-question': [2, 2],
    });
    expect(Object.fromEntries(figures.requests.byStatus.map((row) => [row.status, row.count]))).toEqual({
      submitted: 1,
      accepted: 0,
      processing: 1,
      needs_supplement: 0,
      completed: 5,
      rejected: 1,
      withdrawn: 1,
    });
    expect(figures.requests.byStreet.map((row) => [row.name, row.total])).toEqual([
      ['区服务中心（本级）', 1],
      ['东大街道退役军人服务站', 3],
      ['高桥营街道退役军人服务站', 0],
      ['南关街道退役军人服务站', 1],
      ['西大街道退役军人服务站', 4],
    ]);
    const xidajie = figures.requests.byStreet.find((row) => row.unitId === unitIds.xidajie);
    expect(xidajie?.byStatus).toMatchObject({ completed: 3, rejected: 1, submitted: 0 });
    expect(figures.requests.byMonth).toEqual([
      { month: '2025-09', submitted: 6, completed: 4 },
      { month: '2025-10', submitted: 3, completed: 1 },
    ]);
  });

  it('trims the first and last month of a period that starts and ends mid-month', async () => {
    // 09-15 … 10-20 (Beijing): r1, r2, r3 and the rejected card of 09-15 09:00, the processing card of 10-09 and
    // r5 of 10-20 10:00; not 09-01, 09-10 nor 10-31.
    const trimmed = await stats(districtStaff, 'from=2025-09-15&to=2025-10-20');
    expect(trimmed.requests.total).toBe(6);
    expect(trimmed.requests.byMonth).toEqual([
      { month: '2025-09', submitted: 4, completed: 3 },
      { month: '2025-10', submitted: 2, completed: 1 },
    ]);
  });

  it('computes handling time in working days across the National Day holiday', () => {
    expect(figures.handling.overall).toEqual({
      completed: 5,
      medianWorkingDays: 4,
      p90WorkingDays: 7.8,
      onTime: 4,
      onTimeRate: 0.8,
    });
    const policy = figures.handling.byService.find((row) => row.serviceCode === 'policy-question');
    expect(policy).toMatchObject({ completed: 2, medianWorkingDays: 5, p90WorkingDays: 5.8, onTimeRate: 0.5 });
    const hardship = figures.handling.byService.find((row) => row.serviceCode === 'hardship-aid');
    expect(hardship).toMatchObject({ completed: 1, medianWorkingDays: 9 }); // completed 00:30 Beijing: 10-31, not 10-30
  });

  it('computes 好差评 and the follow-up closure rate', () => {
    expect(figures.ratings).toMatchObject({
      total: 5,
      satisfied: 2,
      satisfactionRate: 0.4,
      followUps: { opened: 2, closed: 1, open: 1, closureRate: 0.5 },
    });
    expect(figures.ratings.byLevel.map((row) => row.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts legal consultations by status and topic', () => {
    expect(figures.legal).toMatchObject({
      booked: 7,
      held: 3,
      cancelled: 2,
      cancelledByCentre: 1,
      noShows: 1,
      pending: 1,
    });
    const byTopic = Object.fromEntries((figures.legal?.byTopic ?? []).map((row) => [row.topic, row]));
    expect(byTopic.labour).toMatchObject({ booked: 4, held: 2, cancelled: 1, noShows: 1, pending: 0 });
    expect(byTopic['marriage-family']).toMatchObject({ booked: 1, held: 1 });
    expect(byTopic.housing).toMatchObject({ booked: 1, cancelled: 1 });
    expect(byTopic.other).toMatchObject({ booked: 1, pending: 1 });
  });

  it('counts new verified veterans by community', () => {
    expect(figures.verifiedVeterans.total).toBe(4);
    const counts = Object.fromEntries(figures.verifiedVeterans.byCommunity.map((row) => [row.name, row.count]));
    expect(counts).toMatchObject({
      文化社区退役军人服务站: 1,
      西湖社区退役军人服务站: 1,
      东城社区退役军人服务站: 1,
      春秋社区退役军人服务站: 0,
      未填写社区: 1,
    });
  });
});

describe('GET /staff/stats for a 街道', () => {
  it('defaults to the caller’s unit and covers only its subtree', async () => {
    const figures = await stats(streetStaff, PERIOD);
    expect(figures.unit.code).toBe('xidajie');
    expect(figures.requests.total).toBe(4);
    expect(figures.requests.byStreet.map((row) => [row.name, row.total])).toEqual([['西大街道退役军人服务站', 4]]);
    expect(figures.handling.overall).toEqual({
      completed: 3,
      medianWorkingDays: 3,
      p90WorkingDays: 3.8,
      onTime: 3,
      onTimeRate: 1,
    });
    expect(figures.ratings).toMatchObject({
      total: 3,
      satisfied: 2,
      satisfactionRate: 0.6667,
      followUps: { opened: 1, closed: 0, closureRate: 0 },
    });
    expect(figures.legal).toBeNull();
    expect(figures.verifiedVeterans.total).toBe(2);
  });

  it('lets a street see one of its communities', async () => {
    const figures = await stats(streetStaff, `${PERIOD}&unit=${unitIds['xidajie-wenhua']}`);
    expect(figures.requests.total).toBe(3); // R1, R2, R7
  });

  it('refuses a sibling street and the district: 403 OUT_OF_SCOPE', async () => {
    for (const unit of [unitIds.dongdajie, unitIds['dongdajie-dongcheng'], unitIds.weidu]) {
      for (const path of ['/api/v1/staff/stats', '/api/v1/staff/stats/export']) {
        const response = await app.inject({
          method: 'GET',
          url: `${path}?${PERIOD}&unit=${unit}`,
          headers: bearer(streetStaff),
        });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('OUT_OF_SCOPE');
      }
    }
  });
});

describe('access and validation', () => {
  it('answers 401 without a token and 403 to citizens and lawyers', async () => {
    const citizen = await createCitizen(app);
    const lawyer = await createStaff(app, { role: 'lawyer' });
    for (const path of ['/api/v1/staff/stats', '/api/v1/staff/stats/export']) {
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: path, headers: bearer(citizen.token) })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: path, headers: bearer(lawyer.token) })).statusCode).toBe(403);
    }
  });

  it('refuses periods over two years, reversed periods, bad dates and unknown units', async () => {
    const get = (query: string) =>
      app.inject({ method: 'GET', url: `/api/v1/staff/stats?${query}`, headers: bearer(districtStaff) });
    expect((await get('from=2023-01-01&to=2025-01-02')).statusCode).toBe(400);
    expect((await get('from=2023-01-01&to=2024-12-31')).statusCode).toBe(200);
    expect((await get('from=2025-10-01&to=2025-09-01')).statusCode).toBe(400);
    expect((await get('from=2025-02-30')).statusCode).toBe(400);
    const unknown = await get(`${PERIOD}&unit=999999`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNIT_NOT_FOUND');
  });
});

describe('GET /staff/stats/export', () => {
  it('returns an xlsx workbook whose cells are the JSON figures', async () => {
    const figures = await stats(districtStaff, PERIOD);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/staff/stats/export?${PERIOD}`,
      headers: bearer(districtStaff),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="stats_weidu_2025-09-01_2025-10-31\.xlsx"; filename\*=UTF-8''/);
    const encoded = disposition.split("filename*=UTF-8''")[1] ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/); // RFC 5987 attr-chars only
    expect(decodeURIComponent(encoded)).toBe(
      '魏都区退役军人服务统计_魏都区退役军人服务中心_2025-09-01至2025-10-31.xlsx',
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '封面',
      '按事项',
      '按状态',
      '按街道',
      '按受理渠道',
      '办理时效',
      '好差评',
      '法律咨询',
      '新认证退役军人',
      '按月',
    ]);
    const sheet = (name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet;
    /** Cell values row by row (exceljs rows are 1-based and sparse): empty cells as null, rows as wide as the sheet. */
    const rows = (name: string) => {
      const worksheet = sheet(name);
      const width = worksheet.actualColumnCount;
      return worksheet
        .getSheetValues()
        .slice(1)
        .map((row) => {
          const values = Array.isArray(row) ? row : [];
          return Array.from({ length: width }, (_, index) => values[index + 1] ?? null);
        });
    };

    const cover = sheet('封面');
    expect(cover.getCell('A1').value).toBe('魏都区退役军人服务统计');
    expect(cover.getCell('B3').value).toBe('2025-09-01 至 2025-10-31');
    expect(cover.getCell('B4').value).toBe('魏都区退役军人服务中心（区退役军人服务中心）及下级服务站');
    expect(String(cover.getCell('B5').value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);

    expect(rows('按事项')).toEqual([
      ['办事事项', '受理总数', '已办结'],
      ...figures.requests.byService.map((row) => [row.serviceName, row.total, row.completed]),
      ['合计', 9, 5],
    ]);
    expect(rows('按状态')).toEqual([
      ['办件状态', '数量'],
      ...figures.requests.byStatus.map((row) => [row.label, row.count]),
      ['合计', 9],
    ]);
    const streets = rows('按街道');
    expect(streets[0]).toEqual([
      '街道',
      '合计',
      '已提交',
      '已受理',
      '办理中',
      '待补正',
      '已办结',
      '不予受理',
      '已撤回',
    ]);
    expect(streets.slice(1, -1)).toEqual(
      figures.requests.byStreet.map((row) => [
        row.name,
        row.total,
        ...figures.requests.byStatus.map((status) => row.byStatus[status.status]),
      ]),
    );
    expect(streets.at(-1)).toEqual(['合计', 9, 1, 0, 1, 0, 5, 1, 1]);
    // All nine were filed in the app; the counter channels are listed with nothing.
    expect(rows('按受理渠道')).toEqual([
      ['受理渠道', '受理总数', '已办结'],
      ['线上', 9, 5],
      ['窗口', 0, 0],
      ['电话', 0, 0],
      ['上门', 0, 0],
      ['合计', 9, 5],
    ]);

    const handling = rows('办理时效');
    expect(handling[0]).toEqual([
      '办事事项',
      '承诺时限（工作日）',
      '已办结',
      '办理时长中位数（工作日）',
      '第90百分位（工作日）',
      '按时办结',
      '按时办结率',
    ]);
    expect(handling.find((row) => row[0] === '政策咨询')).toEqual(['政策咨询', 5, 2, 5, 5.8, 1, 0.5]);
    expect(handling.find((row) => row[0] === '移交安置报到')).toEqual(['移交安置报到', 30, 0, null, null, 0, null]);
    expect(handling.at(-1)).toEqual(['全部事项', null, 5, 4, 7.8, 4, 0.8]);
    expect(sheet('办理时效').getCell('G2').numFmt).toBe('0.0%');

    const ratingRows = rows('好差评');
    expect(ratingRows.slice(0, 7)).toEqual([
      ['评价等级', '数量', '占比'],
      ['非常满意', 1, 0.2],
      ['满意', 1, 0.2],
      ['基本满意', 1, 0.2],
      ['不满意', 1, 0.2],
      ['非常不满意', 1, 0.2],
      ['合计', 5, 1],
    ]);
    expect(ratingRows.slice(8)).toEqual([
      ['满意率（非常满意＋满意）', 0.4, null],
      ['差评回访：已开启', 2, null],
      ['差评回访：已关闭', 1, null],
      ['差评回访：未关闭', 1, null],
      ['差评回访关闭率', 0.5, null],
    ]);

    const legal = rows('法律咨询');
    expect(legal[0]).toEqual(['咨询类别', '预约', '已咨询（签到）', '取消', '未到场', '待进行']);
    expect(legal.find((row) => row[0] === '劳动就业')).toEqual(['劳动就业', 4, 2, 1, 1, 0]);
    expect(legal.at(-1)).toEqual(['合计', 7, 3, 2, 1, 1]);

    const verifiedRows = rows('新认证退役军人');
    expect(verifiedRows[0]).toEqual(['街道', '社区', '新认证人数']);
    expect(verifiedRows.slice(1, -1)).toEqual(
      figures.verifiedVeterans.byCommunity.map((row) => [row.streetName, row.name, row.count]),
    );
    expect(verifiedRows.at(-1)).toEqual(['合计', null, 4]);

    expect(rows('按月')).toEqual([
      ['月份', '提交', '其中已办结'],
      ['2025-09', 6, 4],
      ['2025-10', 3, 1],
      ['合计', 9, 5],
    ]);

    const [audit] = await app.db.select().from(auditLog).where(eq(auditLog.action, 'stats.export'));
    expect(audit).toMatchObject({ targetType: 'org_unit', targetId: String(unitIds.weidu) });
  });

  it('writes a note instead of legal figures for a 街道', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/staff/stats/export?${PERIOD}`,
      headers: bearer(streetStaff),
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('法律咨询')?.getCell('A1').value).toBe(
      '法律咨询由区服务中心统一提供，请在区级统计中查看。',
    );
    expect(workbook.getWorksheet('按事项')?.getCell('B8').value).toBe(4);
  });
});

describe('rating counts', () => {
  it('equal a recomputation rating by rating over random ratings and follow-ups', async () => {
    // 2030, far from the other fixtures: 400 ratings of random units (some none), levels, submission times (some
    // outside the window) and follow-ups (none, open, closed), counted by the split query and by hand.
    let seed = 18;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 4_294_967_296;
    };
    const allUnits = Object.values(unitIds);
    const scope = allUnits.filter((_, index) => index % 2 === 0);
    const window = { unitIds: scope, start: bj('2030-01-01 00:00'), end: bj('2030-07-01 00:00') };
    const expected = new Map<string, number>();
    for (let index = 0; index < 400; index++) {
      const unitId = random() < 0.1 ? null : (allUnits[Math.floor(random() * allUnits.length)] as number);
      const level = 1 + Math.floor(random() * 5);
      const submittedAt = new Date(bj('2029-12-20 00:00').getTime() + Math.floor(random() * 200 * 86_400_000));
      const roll = random();
      const followUp = roll < 0.5 ? null : roll < 0.75 ? ('open' as const) : ('closed' as const);
      const requestId = 9_000_000 + index;
      const [result] = await app.db
        .insert(ratings)
        .values({ requestId, userId: applicantId, level, unitId, requestSubmittedAt: submittedAt });
      if (followUp) {
        await app.db.insert(ratingFollowUps).values({
          ratingId: result.insertId,
          requestId,
          unitId: unitId ?? (allUnits[0] as number),
          status: followUp,
        });
      }
      if (unitId !== null && scope.includes(unitId) && submittedAt >= window.start && submittedAt < window.end) {
        const key = `${level}:${followUp}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const rows = await ratingCounts(app.db, window);
    const counted = new Map(rows.map((row) => [`${row.level}:${row.followUpStatus}`, row.count]));
    expect(rows.length).toBe(counted.size);
    expect(Object.fromEntries([...counted].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });
});
