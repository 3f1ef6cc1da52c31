import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../db/schema/index';
import { createCitizen } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { backfillHandlingWorkingDays } from './handling-days-backfill';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

const bj = (dateTime: string) => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);

describe('backfillHandlingWorkingDays', () => {
  it('fills the working days of requests completed before the column existed, once', async () => {
    const { db } = testApp.app;
    const citizen = await createCitizen(testApp.app);
    const base = { serviceCode: 'policy-question' as const, applicantUserId: citizen.id, subjectUserId: citizen.id };
    const [legacy] = await db.insert(serviceRequests).values({
      ...base,
      number: 'BF0001',
      status: 'completed',
      // Across the 2025 National Day holiday: 09-30, 10-09, 10-10.
      submittedAt: bj('2025-09-29 10:00'),
      completedAt: bj('2025-10-10 16:00'),
    });
    const [stored] = await db.insert(serviceRequests).values({
      ...base,
      number: 'BF0002',
      status: 'completed',
      submittedAt: bj('2025-09-01 10:00'),
      completedAt: bj('2025-09-03 10:00'),
      handlingWorkingDays: 7,
    });
    const [open] = await db.insert(serviceRequests).values({
      ...base,
      number: 'BF0003',
      status: 'processing',
      submittedAt: bj('2025-09-01 10:00'),
    });

    expect(await backfillHandlingWorkingDays(db)).toBe(1);
    expect(await backfillHandlingWorkingDays(db)).toBe(0);

    const daysOf = async (id: number) =>
      (await db.select().from(serviceRequests).where(eq(serviceRequests.id, id)))[0]?.handlingWorkingDays;
    expect(await daysOf(legacy.insertId)).toBe(3);
    expect(await daysOf(stored.insertId)).toBe(7);
    expect(await daysOf(open.insertId)).toBeNull();
  });
});
