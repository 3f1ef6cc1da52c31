import {
  type RequestAction,
  type RequestChannel,
  type RequestStatus,
  requestChannels,
  requestStatuses,
  type ServiceCode,
  serviceCodes,
} from '@veterans/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, requestStatsChanges, serviceRequests } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { addCalendarDays, beijingDate } from '../calendar/working-days';
import { backfillHandlingWorkingDays } from '../requests/handling-days-backfill';
import { requestIn, staffAct, verifiedCitizen } from '../requests/test-support';
import { planStatsPeriod } from './period-plan';
import { type CountedRequest, foldStatsChanges, rebuildRequestStats, statsChanges } from './rollups';
import { computeStats, resolveScope } from './service';

describe('planStatsPeriod', () => {
  it('reads whole months from the rollups, the current month up to today included', () => {
    expect(planStatsPeriod('2026-01-01', '2026-12-04', '2026-12-04')).toEqual({
      rollup: { fromMonth: 202601, toMonth: 202612 },
      live: [],
    });
    expect(planStatsPeriod('2025-09-01', '2025-10-31', '2026-12-04')).toEqual({
      rollup: { fromMonth: 202509, toMonth: 202510 },
      live: [],
    });
  });

  it('subtracts the few days of a month outside the period rather than scanning the many inside it', () => {
    // A year back from today: December 2025 from its 5th is its rollup minus the 1st–4th.
    expect(planStatsPeriod('2025-12-05', '2026-12-04', '2026-12-04')).toEqual({
      rollup: { fromMonth: 202512, toMonth: 202612 },
      live: [{ from: '2025-12-01', to: '2025-12-04', sign: -1 }],
    });
    expect(planStatsPeriod('2026-01-01', '2026-11-20', '2026-12-04')).toEqual({
      rollup: { fromMonth: 202601, toMonth: 202611 },
      live: [{ from: '2026-11-21', to: '2026-11-30', sign: -1 }],
    });
  });

  it('scans the days inside when they are fewer, as one window across a month boundary', () => {
    expect(planStatsPeriod('2025-09-10', '2025-09-12', '2026-12-04')).toEqual({
      rollup: null,
      live: [{ from: '2025-09-10', to: '2025-09-12', sign: 1 }],
    });
    expect(planStatsPeriod('2025-11-25', '2025-12-03', '2026-12-04')).toEqual({
      rollup: null,
      live: [{ from: '2025-11-25', to: '2025-12-03', sign: 1 }],
    });
    // Months after today hold nothing yet; the current one counts up to today.
    expect(planStatsPeriod('2026-11-20', '2027-01-31', '2026-12-04')).toEqual({
      rollup: { fromMonth: 202612, toMonth: 202612 },
      live: [{ from: '2026-11-20', to: '2026-11-30', sign: 1 }],
    });
  });
});

describe('statsChanges', () => {
  const submitted: CountedRequest = {
    unitId: 7,
    submittedAt: new Date('2026-10-31T16:30:00Z'), // 2026-11-01 00:30 in Beijing
    serviceCode: 'appeal',
    status: 'submitted',
    channel: 'online',
    handlingWorkingDays: null,
    completedAt: null,
    dueDate: '2026-11-20',
  };
  const key = { unitId: 7, month: 202611, serviceCode: 'appeal', channel: 'online' };

  it('adds a submitted request, moves a transition, and ignores what does not change its key', () => {
    expect(statsChanges({ ...submitted, status: 'draft', submittedAt: null, unitId: null }, submitted)).toEqual([
      { ...key, status: 'submitted', workingDays: -1, onTime: 2, delta: 1 },
    ]);
    const completed = {
      ...submitted,
      status: 'completed' as const,
      handlingWorkingDays: 14,
      completedAt: new Date('2026-11-20T15:59:00Z'), // 23:59 on the due date in Beijing: on time
    };
    expect(statsChanges(submitted, completed)).toEqual([
      { ...key, status: 'submitted', workingDays: -1, onTime: 2, delta: -1 },
      { ...key, status: 'completed', workingDays: 14, onTime: 1, delta: 1 },
    ]);
    expect(statsChanges(submitted, { ...submitted, dueDate: '2026-12-01' })).toEqual([]);
    expect(
      statsChanges(
        { ...submitted, status: 'draft', submittedAt: null },
        { ...submitted, status: 'draft', submittedAt: null },
      ),
    ).toEqual([]);
  });
});

/**
 * The guarantee of the rollups: every figure they give equals a full recomputation from the requests. Random
 * requests over the past five months are written around the services (then rebuilt, as the migration does); then
 * random work goes through the API — new requests driven into every status, staff steps on the old ones — with
 * folds of random sizes in between; then random periods and scopes are computed both ways.
 */
describe('monthly rollups', () => {
  let ctx: TestApp;
  let app: FastifyInstance;
  let seed = 2026;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  beforeAll(async () => {
    ctx = await createTestApp();
    app = ctx.app;
    await seedDemoData(app.db);
  });
  afterAll(() => ctx.close());

  it('equal a full recomputation over random requests, transitions and folds', async () => {
    const units = await app.db.select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path }).from(orgUnits);
    const applicant = await createCitizen(app);
    const now = new Date();
    const today = beijingDate(now);
    const rows: (typeof serviceRequests.$inferInsert)[] = [];
    for (let index = 0; index < 400; index++) {
      const status: RequestStatus = pick(requestStatuses);
      const submittedAt = status === 'draft' ? null : new Date(now.getTime() - Math.floor(random() * 150 * 86_400_000));
      const completed = status === 'completed' && submittedAt !== null;
      rows.push({
        serviceCode: pick<ServiceCode>(serviceCodes),
        status,
        channel: pick<RequestChannel>(requestChannels),
        applicantUserId: applicant.id,
        subjectUserId: applicant.id,
        unitId: status === 'draft' || random() < 0.05 ? null : pick(units).id,
        submittedAt,
        completedAt: completed ? new Date((submittedAt as Date).getTime() + random() * 20 * 86_400_000) : null,
        handlingWorkingDays: completed && random() < 0.9 ? Math.floor(random() * 25) : null,
        dueDate:
          submittedAt && random() < 0.8 ? addCalendarDays(beijingDate(submittedAt), Math.floor(random() * 30)) : null,
      });
    }
    await app.db.insert(serviceRequests).values(rows);
    await rebuildRequestStats(app.db);

    const staff = (await createStaff(app, { unitCode: 'weidu' })).token;
    const citizens = await Promise.all(
      ['xidajie-wenhua', 'xidajie-xihu', 'dongdajie-dongcheng'].map((communityCode) =>
        verifiedCitizen(app, { communityCode }),
      ),
    );
    // Staff steps on the requests written above, months old: their changes land in old months' rollups.
    const old = (
      await app.db
        .select({ id: serviceRequests.id, status: serviceRequests.status, unitId: serviceRequests.unitId })
        .from(serviceRequests)
    ).filter((row) => row.unitId !== null);
    const nextSteps: Partial<Record<RequestStatus, RequestAction[]>> = {
      submitted: ['accept', 'reject', 'request_supplement'],
      accepted: ['start'],
      processing: ['complete'],
    };
    for (let round = 0; round < 40; round++) {
      if (random() < 0.5) {
        await requestIn(
          app,
          pick(requestStatuses),
          pick(citizens),
          staff,
          pick(['policy-question', 'appeal'] as const),
        );
      } else {
        const request = pick(old.filter((row) => nextSteps[row.status]));
        const action = pick(nextSteps[request.status] as RequestAction[]);
        const moved = await staffAct(app, staff, request.id, action, { reason: '测试原因', resolutionNote: '已答复' });
        request.status = (moved as { status: RequestStatus }).status;
      }
      if (random() < 0.3) await foldStatsChanges(app.db, 1 + Math.floor(random() * 20));
    }
    // Some changes are left unfolded: readers add them.
    expect((await app.db.select().from(requestStatsChanges)).length).toBeGreaterThan(0);

    const district = units.find((unit) => unit.code === 'weidu');
    const staffCaller = { unitId: district?.id as number, unitPath: district?.path as string };
    for (let sample = 0; sample < 25; sample++) {
      const from = addCalendarDays(today, -Math.floor(random() * 170));
      const to = addCalendarDays(from, Math.floor(random() * 200));
      const scope = await resolveScope(app.db, staffCaller, pick(units).id);
      const period = { from, to };
      const rolled = await computeStats(app.db, scope, period, now);
      const live = await computeStats(app.db, scope, period, now, { live: true });
      expect(rolled, `${from}..${to} ${scope.scope.code}`).toEqual(live);
    }
  });

  it('follow the handling-days backfill of requests completed before the column existed', async () => {
    const [unit] = await app.db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).limit(1);
    const applicant = await createCitizen(app);
    const submittedAt = new Date('2025-03-03T02:00:00Z');
    await app.db.insert(serviceRequests).values({
      serviceCode: 'appeal',
      status: 'completed',
      applicantUserId: applicant.id,
      subjectUserId: applicant.id,
      unitId: unit?.id,
      submittedAt,
      completedAt: new Date('2025-03-07T02:00:00Z'),
      dueDate: '2025-03-20',
    });
    await rebuildRequestStats(app.db);
    // This one, and those of the random requests above written without a handling time.
    expect(await backfillHandlingWorkingDays(app.db)).toBeGreaterThanOrEqual(1);
    const scope = await resolveScope(app.db, { unitId: unit?.id as number, unitPath: unit?.path as string }, unit?.id);
    const period = { from: '2025-03-01', to: '2025-03-31' };
    const now = new Date();
    const rolled = await computeStats(app.db, scope, period, now);
    expect(rolled.handling.overall).toMatchObject({ completed: 1, medianWorkingDays: 4, onTime: 1 });
    expect(rolled).toEqual(await computeStats(app.db, scope, period, now, { live: true }));
  });
});
