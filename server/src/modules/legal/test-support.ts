import { randomUUID } from 'node:crypto';
import type { ScheduleRuleInput } from '@veterans/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  authSessions,
  legalBookings,
  legalClosures,
  legalScheduleRules,
  legalSlots,
  legalWaitlist,
  notifications,
  outbox,
  users,
} from '../../db/schema/index';
import { writeSealed } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import { bearer, testIdNumber } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { accessClaimsOf } from '../auth/principal';
import { setLegalClock } from './clock';
import type { SlotRow } from './context';
import { materialiseSlots } from './slots';
import { beijingInstant } from './time';

/** Test helpers for the legal consultation (not used by production code). */

/** A test app on its own database with the demo org units and staff, and no consultation rule yet. */
export async function legalTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const testApp = await createTestApp(overrides);
  await seedDemoData(testApp.app.db);
  await clearSchedule(testApp.app);
  return testApp;
}

/** Removes every rule, slot, booking and waitlist entry (the demo rule included). */
export async function clearSchedule(app: FastifyInstance): Promise<void> {
  for (const table of [legalWaitlist, legalBookings, legalSlots, legalClosures, legalScheduleRules]) {
    await app.db.delete(table);
  }
}

/** Stands the legal clock at a Beijing wall-clock time, e.g. `at('2026-12-07 17:59:59')`. */
export function at(beijing: string): Date {
  const [date, time] = beijing.split(' ');
  const now = beijingInstant(date as string, (time ?? '00:00:00') as string);
  setLegalClock(now);
  return now;
}

export const tuesdayRule: ScheduleRuleInput = {
  place: '魏都区退役军人服务中心',
  weekdays: [2],
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 30,
  capacity: 2,
  weeksAhead: 4,
  bookingCutoffDaysBefore: 1,
  bookingCutoffTime: '18:00',
  cancelCutoffDaysBefore: 1,
  cancelCutoffTime: '18:00',
  validFrom: '2026-01-01',
  validTo: null,
};

/** Inserts a rule and materialises its slots at `now`; returns the rule id. */
export async function addRule(app: FastifyInstance, now: Date, rule: Partial<ScheduleRuleInput> = {}) {
  const [result] = await app.db
    .insert(legalScheduleRules)
    .values({ ...tuesdayRule, ...rule, validTo: rule.validTo ?? null });
  await materialiseSlots(app.db, now);
  return Number(result.insertId);
}

/** The slot starting at a Beijing date and time. */
export async function slotAt(app: FastifyInstance, date: string, time: string): Promise<SlotRow> {
  const [slot] = await app.db
    .select()
    .from(legalSlots)
    .where(eq(legalSlots.startsAt, beijingInstant(date, time)));
  if (!slot) throw new Error(`No slot at ${date} ${time}`);
  return slot;
}

export async function slotById(app: FastifyInstance, slotId: number): Promise<SlotRow> {
  const [slot] = await app.db.select().from(legalSlots).where(eq(legalSlots.id, slotId));
  if (!slot) throw new Error(`No slot ${slotId}`);
  return slot;
}

export interface Person {
  id: number;
  token: string;
  name: string;
  idNumber: string;
}

let batch = 0;

/**
 * `count` signed-in citizens with a real-name identity, inserted at once (for the concurrency tests). Each batch
 * uses its own birth date, so ID numbers stay unique across batches.
 */
export async function citizens(
  app: FastifyInstance,
  count: number,
  options: { identity?: boolean; kind?: 'veteran' | 'family' } = {},
): Promise<Person[]> {
  batch += 1;
  const birthDate = `1970${String(1 + (batch % 12)).padStart(2, '0')}${String(1 + Math.floor(batch / 12)).padStart(2, '0')}`;
  const tag = `${Date.now().toString(36)}-${batch}`;
  const kind = options.kind ?? 'veteran';
  const rows = Array.from({ length: count }, (_, index) => {
    const name = `测试${String.fromCharCode(0x4e00 + ((batch * 997 + index) % 20000))}${String.fromCharCode(0x4e00 + (index % 500))}`;
    const idNumber = testIdNumber(index, birthDate, '411002');
    const withIdentity = options.identity !== false;
    return {
      name,
      idNumber,
      values: {
        kind,
        openid: `legal-${tag}-${index}`,
        nameHash: withIdentity ? app.cipher.hash(name) : null,
        idNumberHash: withIdentity ? app.cipher.hash(idNumber) : null,
        veteranStatus: withIdentity && kind === 'veteran' ? ('verified' as const) : ('none' as const),
      },
    };
  });
  const people: Person[] = [];
  for (let index = 0; index < rows.length; index += 250) {
    const chunk = rows.slice(index, index + 250);
    await app.db.insert(users).values(chunk.map((row) => row.values));
  }
  const inserted = await app.db
    .select({ id: users.id, openid: users.openid })
    .from(users)
    .where(sql`${users.openid} LIKE ${`legal-${tag}-%`}`);
  const byOpenid = new Map(inserted.map((row) => [row.openid, row.id]));
  for (const [index, row] of rows.entries()) {
    if (options.identity === false) break;
    await writeSealed(app.db, app.cipher, byOpenid.get(`legal-${tag}-${index}`) as number, [
      [users.nameCipher, row.name],
      [users.idNumberCipher, row.idNumber],
    ]);
  }
  const sessions = rows.map((_, index) => ({
    id: randomUUID(),
    principalType: 'citizen' as const,
    principalId: byOpenid.get(`legal-${tag}-${index}`) as number,
  }));
  for (let index = 0; index < sessions.length; index += 250) {
    await app.db.insert(authSessions).values(sessions.slice(index, index + 250));
  }
  rows.forEach((row, index) => {
    const session = sessions[index] as (typeof sessions)[number];
    const token = app.signAccessToken(accessClaimsOf({ type: 'citizen', id: session.principalId }, session.id));
    people.push({ id: session.principalId, token, name: row.name, idNumber: row.idNumber });
  });
  return people;
}

export async function citizen(app: FastifyInstance, options: { identity?: boolean; kind?: 'veteran' | 'family' } = {}) {
  const [person] = await citizens(app, 1, options);
  return person as Person;
}

/** The value, or a failed test when it is missing. */
export function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`Missing ${what}`);
  return value;
}

export function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  token?: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: token ? bearer(token) : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

export function book(app: FastifyInstance, person: Person, slotId: number, extra: Record<string, unknown> = {}) {
  return call(app, 'POST', '/legal/bookings', person.token, {
    slotId,
    topic: 'labour',
    description: '单位拖欠工资，想咨询如何维权',
    ...extra,
  });
}

export function errorCode(response: LightMyRequestResponse): string | undefined {
  return response.json()?.error?.code;
}

export async function bookingRows(app: FastifyInstance, slotId: number) {
  return app.db.select().from(legalBookings).where(eq(legalBookings.slotId, slotId));
}

export async function inbox(app: FastifyInstance, userId: number, kind?: string) {
  const rows = await app.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientType, 'citizen'),
        eq(notifications.recipientId, userId),
        ...(kind ? [eq(notifications.kind, kind)] : []),
      ),
    );
  return rows;
}

export async function outboxRows(app: FastifyInstance, dedupeKey: string) {
  return app.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
}
