import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { holidayOverrides, legalClosures, legalScheduleRules, legalSlots } from '../../db/schema/index';
import type { TestApp } from '../../testing/test-app';
import { testConfig } from '../../testing/test-app';
import { resetLegalClock } from './clock';
import { clockWindow, readSlotInputsDigest, rowsDigestSql, SlotListCache, slotListBody } from './slot-list-cache';
import { addRule, at, book, call, citizen, legalTestApp, slotAt } from './test-support';
import { beijingInstant } from './time';

const instant = (beijing: string) => {
  const [date, time] = beijing.split(' ');
  return beijingInstant(date as string, time as string);
};

describe('clockWindow', () => {
  it('is the Beijing day of now when no cutoff falls in it', () => {
    const window = clockWindow(instant('2026-12-02 10:00:00'), []);
    expect(window).toEqual({
      from: instant('2026-12-02 00:00:00').getTime(),
      until: instant('2026-12-03 00:00:00').getTime(),
    });
  });

  it('narrows to the cutoffs on either side; a cutoff at now starts the window', () => {
    const cutoffs = [
      instant('2026-12-02 08:00:00'),
      instant('2026-12-02 18:00:00'),
      instant('2026-12-02 12:00:00'),
      instant('2026-12-01 18:00:00'),
      instant('2026-12-09 18:00:00'),
    ];
    expect(clockWindow(instant('2026-12-02 10:00:00'), cutoffs)).toEqual({
      from: instant('2026-12-02 08:00:00').getTime(),
      until: instant('2026-12-02 12:00:00').getTime(),
    });
    expect(clockWindow(instant('2026-12-02 12:00:00'), cutoffs)).toEqual({
      from: instant('2026-12-02 12:00:00').getTime(),
      until: instant('2026-12-02 18:00:00').getTime(),
    });
    expect(clockWindow(instant('2026-12-02 11:59:59.999'), cutoffs).until).toBe(
      instant('2026-12-02 12:00:00').getTime(),
    );
    expect(clockWindow(instant('2026-12-02 23:00:00'), cutoffs)).toEqual({
      from: instant('2026-12-02 18:00:00').getTime(),
      until: instant('2026-12-03 00:00:00').getTime(),
    });
  });
});

describe('SlotListCache', () => {
  const entry = (body: string, from: number, until: number) => ({ digest: 'd', window: { from, until }, body });

  it('answers an entry only while its clock window holds now', () => {
    const cache = new SlotListCache();
    cache.set('a', entry('A', 1000, 2000));
    expect(cache.get('a', new Date(999))).toBeUndefined();
    expect(cache.get('a', new Date(1000))?.body).toBe('A');
    expect(cache.get('a', new Date(1999))?.body).toBe('A');
    expect(cache.get('a', new Date(2000))).toBeUndefined();
    expect(cache.get('b', new Date(1500))).toBeUndefined();
  });

  it('keeps at most its limit of ranges, dropping the least recently stored', () => {
    const cache = new SlotListCache(2);
    cache.set('a', entry('A', 0, 10));
    cache.set('b', entry('B', 0, 10));
    cache.set('a', entry('A2', 0, 10));
    cache.set('c', entry('C', 0, 10));
    expect(cache.size).toBe(2);
    expect(cache.get('b', new Date(5))).toBeUndefined();
    expect(cache.get('a', new Date(5))?.body).toBe('A2');
    expect(cache.get('c', new Date(5))?.body).toBe('C');
  });
});

describe('rowsDigestSql', () => {
  it('hashes every column of the table, quoted, under the given condition', () => {
    const digest = rowsDigestSql(legalSlots, '`starts_at` >= ?');
    for (const column of Object.values(getTableColumns(legalSlots)))
      expect(digest).toContain(`QUOTE(\`${column.name}\`)`);
    expect(digest).toContain('FROM `legal_slots` WHERE `starts_at` >= ?');
    expect(rowsDigestSql(legalScheduleRules)).not.toContain('WHERE');
  });
});

describe('the listing kept per digest (database)', () => {
  let testApp: TestApp;
  let other: FastifyInstance;
  let pool: Pool;

  beforeAll(async () => {
    testApp = await legalTestApp();
    await addRule(testApp.app, at('2026-12-02 10:00:00'));
    // A second API instance on the same database, as in production.
    other = await buildApp(testConfig(testApp.database.url));
    await other.ready();
    pool = (testApp.app.db as unknown as { $client: Pool }).$client;
  });

  afterAll(async () => {
    resetLegalClock();
    await other?.close();
    await testApp?.close();
  });

  const digestOfDecember = () => readSlotInputsDigest(pool, '2026-12-02', '2026-12-29');

  it('changes with any change to a row read (whatever writes it) and comes back with the same content', async () => {
    const db = testApp.app.db;
    const slot = await slotAt(testApp.app, '2026-12-15', '09:00');
    const before = await digestOfDecember();
    expect(await digestOfDecember()).toBe(before);
    const changes: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'booked, in raw SQL',
        () => db.execute(sql`UPDATE legal_slots SET booked = booked + 1 WHERE id = ${slot.id}`),
        () => db.execute(sql`UPDATE legal_slots SET booked = booked - 1 WHERE id = ${slot.id}`),
      ],
      [
        'a closed reason',
        () => db.execute(sql`UPDATE legal_slots SET closed_reason = '停诊' WHERE id = ${slot.id}`),
        () => db.execute(sql`UPDATE legal_slots SET closed_reason = NULL WHERE id = ${slot.id}`),
      ],
      [
        'a rule',
        () => db.execute(sql`UPDATE legal_schedule_rules SET booking_cutoff_time = '17:00'`),
        () => db.execute(sql`UPDATE legal_schedule_rules SET booking_cutoff_time = '18:00'`),
      ],
      [
        'a closure of one of the dates',
        () => db.insert(legalClosures).values({ day: '2026-12-22', reason: '培训' }),
        () => db.delete(legalClosures).where(eq(legalClosures.day, '2026-12-22')),
      ],
      [
        'a holiday override',
        () => db.insert(holidayOverrides).values({ day: '2027-01-05', kind: 'holiday', name: '临时放假' }),
        () => db.delete(holidayOverrides).where(eq(holidayOverrides.day, '2027-01-05')),
      ],
    ];
    for (const [what, change, undo] of changes) {
      await change();
      expect(await digestOfDecember(), what).not.toBe(before);
      await undo();
      expect(await digestOfDecember(), what).toBe(before);
    }
    // The ORM's updates also stamp updated_at, a column like any other.
    await db.update(legalSlots).set({ place: slot.place }).where(eq(legalSlots.id, slot.id));
    expect(await digestOfDecember()).not.toBe(before);
    const stamped = await digestOfDecember();
    // Rows outside the dates read do not count.
    await db.insert(legalClosures).values({ day: '2027-02-02', reason: '培训' });
    expect(await digestOfDecember()).toBe(stamped);
    await db.delete(legalClosures).where(eq(legalClosures.day, '2027-02-02'));
  });

  it('serves the kept body while nothing changed, and a booking made through another instance at once', async () => {
    const app = testApp.app;
    const now = at('2026-12-02 10:00:00');
    const slot = await slotAt(app, '2026-12-22', '09:30');
    const remaining = async () =>
      (await call(app, 'GET', '/legal/slots')).json().slots.find((item: { id: number }) => item.id === slot.id)
        .remaining;
    let computed = 0;
    const serialize = (list: unknown) => {
      computed += 1;
      return JSON.stringify(list);
    };
    const range = { from: '2026-12-02', to: '2026-12-15' };
    const first = await slotListBody(app.db, now, range, serialize);
    const second = await slotListBody(app.db, new Date(now.getTime() + 60_000), range, serialize);
    expect(second).toBe(first);
    expect(computed).toBe(1);

    expect(await remaining()).toBe(2);
    const person = await citizen(other);
    expect((await book(other, person, slot.id)).statusCode).toBe(201);
    expect(await remaining()).toBe(1);
    await app.db.execute(sql`UPDATE legal_slots SET booked = 2 WHERE id = ${slot.id}`);
    expect(await remaining()).toBe(0);
  });

  it('follows the clock across a cutoff, both ways', async () => {
    const app = testApp.app;
    const slot = await slotAt(app, '2026-12-29', '11:30');
    const bookable = async () =>
      (await call(app, 'GET', '/legal/slots?from=2026-12-02&to=2026-12-29'))
        .json()
        .slots.find((item: { id: number }) => item.id === slot.id).bookable;
    at('2026-12-28 17:59:59');
    expect(await bookable()).toBe(true);
    at('2026-12-28 18:00:00');
    expect(await bookable()).toBe(false);
    at('2026-12-28 17:59:59');
    expect(await bookable()).toBe(true);
  });

  it('answers many requests at once with one listing each, equal to a listing computed alone', async () => {
    const app = testApp.app;
    at('2026-12-02 10:00:00');
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(app, 'GET', '/legal/slots')));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answers[0]?.json()).toEqual((await call(other, 'GET', '/legal/slots')).json());
  });
});
