/**
 * Statistics at scale, by hand (not part of the test run):
 *
 *   cd server && node --import tsx src/modules/stats/bench.ts [requests=200000]
 *
 * Makes a throw-away database on TEST_DATABASE_SERVER_URL (default root@127.0.0.1:3306), fills it with
 * 200k submitted requests over two years across the demo units (60 % completed, a quarter of those rated,
 * follow-ups for the low ratings), 30k veterans and ~2k legal bookings, then prints the EXPLAIN plan of every
 * statistics query and the time of the whole computation for the district and a street over one and two
 * years. Drops the database at the end.
 */
import { performance } from 'node:perf_hooks';
import { type RequestStatus, type ServiceCode, serviceCodes } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from '../../db/client';
import * as schema from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createTestDatabase } from '../../testing/test-app';
import { beijingDate, workingCalendar, workingDaysBetween } from '../calendar/working-days';
import * as queries from './queries';
import { computeStats, resolveScope } from './service';

const REQUESTS = Number(process.argv[2] ?? 200_000);
const BATCH = 2000;

const database = await createTestDatabase();
const pool = createPool(database.url, 4);
const captured: { query: string; params: unknown[] }[] = [];
let capturing = false;
const db = drizzle(pool, {
  schema,
  mode: 'default',
  logger: {
    logQuery(query, params) {
      if (capturing) captured.push({ query, params });
    },
  },
});

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

try {
  await seedDemoData(db);
  const units = await db.select({ id: schema.orgUnits.id, code: schema.orgUnits.code }).from(schema.orgUnits);
  const unitIds = units.map((unit) => unit.id);
  const communityIds = units.filter((unit) => unit.code.includes('-')).map((unit) => unit.id);
  const start = Date.UTC(2024, 0, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  const startedAt = performance.now();

  // 30k veterans, a third verified in the two years.
  for (let done = 0; done < 30_000; done += BATCH) {
    await db.insert(schema.users).values(
      Array.from({ length: BATCH }, () => {
        const verified = random() < 0.33;
        return {
          kind: 'veteran' as const,
          veteranStatus: verified ? ('verified' as const) : ('none' as const),
          verifiedAt: verified ? new Date(start + random() * span) : null,
          communityUnitId: random() < 0.95 ? pick(communityIds) : null,
        };
      }),
    );
  }

  const statuses: RequestStatus[] = [
    'submitted',
    'accepted',
    'processing',
    'needs_supplement',
    'rejected',
    'withdrawn',
  ];
  const calendar = workingCalendar();
  for (let done = 0; done < REQUESTS; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, REQUESTS - done) }, () => {
      const submittedAt = new Date(start + random() * span);
      const completed = random() < 0.6;
      const completedAt = completed ? new Date(submittedAt.getTime() + random() * 40 * 24 * 3600 * 1000) : null;
      const due = new Date(submittedAt.getTime() + 28 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      return {
        serviceCode: pick(serviceCodes) as ServiceCode,
        status: completed ? ('completed' as const) : pick(statuses),
        applicantUserId: 1,
        subjectUserId: 1,
        unitId: pick(unitIds),
        submittedAt,
        completedAt,
        handlingWorkingDays: completedAt
          ? workingDaysBetween(beijingDate(submittedAt), beijingDate(completedAt), calendar)
          : null,
        dueDate: due,
      };
    });
    await db.insert(schema.serviceRequests).values(rows);
  }
  // Ratings for a quarter of the completed requests; a follow-up for each low one, half closed.
  await pool.query(`INSERT INTO ratings (request_id, user_id, level, unit_id, request_submitted_at)
    SELECT id, 1, 1 + (id * 7919) % 5, unit_id, submitted_at FROM service_requests WHERE status = 'completed' AND id % 4 = 0`);
  await pool.query(`INSERT INTO rating_follow_ups (rating_id, request_id, unit_id, status)
    SELECT r.id, r.request_id, 1, IF(r.id % 2 = 0, 'closed', 'open') FROM ratings r WHERE r.level <= 2`);
  // ~100 Tuesdays × 6 slots, ~3 bookings each.
  const topics = ['labour', 'housing', 'other', 'contract', 'marriage-family'] as const;
  const bookingStatuses = ['checked_in', 'checked_in', 'no_show', 'cancelled', 'booked'] as const;
  for (let week = 0; week < 104; week += 1) {
    for (let slot = 0; slot < 6; slot += 1) {
      const startsAt = new Date(Date.UTC(2024, 0, 2, 1, slot * 30) + week * 7 * 24 * 3600 * 1000);
      const [inserted] = await db.insert(schema.legalSlots).values({
        ruleId: 1,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60 * 1000),
        place: '区退役军人服务中心',
        capacity: 3,
        booked: 3,
      });
      await db.insert(schema.legalBookings).values(
        Array.from({ length: 3 }, () => ({
          slotId: inserted.insertId,
          userId: 1,
          subjectUserId: 1,
          topic: pick(topics),
          description: '咨询',
          status: pick(bookingStatuses),
        })),
      );
    }
  }
  await pool.query('ANALYZE TABLE service_requests, ratings, rating_follow_ups, users, legal_slots, legal_bookings');
  console.log(`filled in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);

  const [district] = await db.select().from(schema.orgUnits).where(eq(schema.orgUnits.code, 'weidu'));
  const [street] = await db.select().from(schema.orgUnits).where(eq(schema.orgUnits.code, 'xidajie'));
  if (!district || !street) throw new Error('demo units missing');
  const caller = (unit: typeof district) => ({
    staffId: 1,
    role: 'admin' as const,
    unitId: unit.id,
    unitPath: unit.path,
  });

  for (const [label, unit, period] of [
    ['district, 1 year', district, { from: '2025-01-01', to: '2025-12-31' }],
    ['district, 2 years', district, { from: '2024-01-01', to: '2025-12-31' }],
    ['street, 1 year', street, { from: '2025-01-01', to: '2025-12-31' }],
  ] as const) {
    const scope = await resolveScope(db, caller(unit), unit.id);
    await computeStats(db, scope, period, new Date()); // warm up
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      await computeStats(db, scope, period, new Date());
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `computeStats ${label}: median ${times[2]?.toFixed(0)} ms (min ${times[0]?.toFixed(0)}, max ${times[4]?.toFixed(0)})`,
    );
  }

  // Each query alone, for the district over one year.
  const districtScope = await resolveScope(db, caller(district), district.id);
  const window = {
    unitIds: districtScope.subtree.map((unit) => unit.id),
    start: new Date('2025-01-01T00:00:00+08:00'),
    end: new Date('2026-01-01T00:00:00+08:00'),
  };
  for (const [label, run] of [
    ['requestCounts', () => queries.requestCounts(db, window)],
    ['completedRequests', () => queries.completedRequests(db, window)],
    ['ratingCounts', () => queries.ratingCounts(db, window)],
    ['bookingCounts', () => queries.bookingCounts(db, window)],
    ['verifiedCounts', () => queries.verifiedCounts(db, window, true)],
  ] as const) {
    await run();
    const t = performance.now();
    const rows = await run();
    console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms, ${rows.length} grouped rows`);
  }

  // The plans of the statistics queries, as they run for the district and for a street over one year.
  capturing = true;
  await computeStats(db, districtScope, { from: '2025-01-01', to: '2025-12-31' }, new Date());
  await computeStats(
    db,
    await resolveScope(db, caller(street), street.id),
    { from: '2025-01-01', to: '2025-12-31' },
    new Date(),
  );
  capturing = false;
  for (const { query, params } of captured) {
    if (!/service_requests|legal_slots|`users`/.test(query)) continue;
    const [plan] = await pool.query(`EXPLAIN ${query}`, params);
    console.log(`\n${query.replace(/\s+/g, ' ').slice(0, 400)}`);
    console.table(
      (plan as Record<string, unknown>[]).map(({ table, type, key, key_len, rows, Extra }) => ({
        table,
        type,
        key,
        key_len,
        rows,
        Extra,
      })),
    );
  }
} finally {
  await pool.end();
  if (process.env.KEEP_BENCH_DB) console.log(`kept ${database.url}`);
  else await database.drop();
}
