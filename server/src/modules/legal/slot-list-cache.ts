import type { LegalSlotList } from '@veterans/shared';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Database } from '../../db/client';
import { holidayOverrides, legalClosures, legalScheduleRules, legalSlots } from '../../db/schema/index';
import { slotListing, slotRange } from './slots';
import { addCalendarDays, beijingDate, beijingInstant } from './time';

/**
 * GET /legal/slots, served from a digest of what it reads. The listing is the same for every caller and changes
 * only when one of the rows it is computed from changes (a booking, a cancellation, a rule, a closure, a holiday
 * override) or when the clock passes a booking cutoff or midnight. So each answer is kept, serialised, with a
 * digest of those rows, and a request asks the database only for the digest (one prepared statement, one short
 * row) instead of four queries, the ORM's row mapping, the per-slot work and the response schema's validation:
 * measured, these were most of the route's CPU. Nothing is trusted from memory: every request compares the live
 * digest, so an instance serves what another instance's booking changed as soon as it is committed, and no writer
 * has to tell anyone. The digest hashes every column of every row read (MD5 per row, XOR-folded, with the row
 * count), so it changes with any change to them, whatever wrote it (the ORM, raw SQL, another instance).
 */

const quoted = (identifier: string) => `\`${identifier.replaceAll('`', '``')}\``;
const column = (of: { name: string }) => quoted(of.name);

/** The digest of some rows of a table: their count and the XOR of every row's MD5 over all its columns. */
export function rowsDigestSql(table: MySqlTable, where = ''): string {
  const values = Object.values(getTableColumns(table)).map((each) => `QUOTE(${column(each)})`);
  const half = (start: number) => `BIT_XOR(CAST(CONV(SUBSTRING(h, ${start}, 16), 16, 10) AS UNSIGNED))`;
  const rows = `SELECT MD5(CONCAT_WS(',', ${values.join(', ')})) AS h FROM ${quoted(getTableName(table))}`;
  return `(SELECT CONCAT(COUNT(*), '.', ${half(1)}, '.', ${half(17)}) FROM (${rows}${where ? ` WHERE ${where}` : ''}) AS r)`;
}

/**
 * Exactly the rows `slotListing` reads (context.ts, slots.ts, calendar/queries.ts): every rule, the closures of the
 * dates, the holiday overrides from the first date on and the slots starting on the dates. Parameters: from, to,
 * from, start instant, end instant.
 */
const SLOT_INPUTS_DIGEST = `SELECT CONCAT_WS('|', ${[
  rowsDigestSql(legalScheduleRules),
  rowsDigestSql(legalClosures, `${column(legalClosures.day)} >= ? AND ${column(legalClosures.day)} <= ?`),
  rowsDigestSql(holidayOverrides, `${column(holidayOverrides.day)} >= ?`),
  rowsDigestSql(legalSlots, `${column(legalSlots.startsAt)} >= ? AND ${column(legalSlots.startsAt)} < ?`),
].join(', ')}) AS digest`;

type Executor = Pick<Pool, 'execute'> | Pick<PoolConnection, 'execute'>;

/** The digest of everything the listing of `from`–`to` is computed from, in one (server-side prepared) statement. */
export async function readSlotInputsDigest(db: Executor, from: string, to: string): Promise<string> {
  const start = beijingInstant(from, '00:00');
  const end = beijingInstant(addCalendarDays(to, 1), '00:00');
  const [rows] = await db.execute<RowDataPacket[]>(SLOT_INPUTS_DIGEST, [from, to, from, start, end]);
  const digest = rows[0]?.digest;
  // Never null (COUNT and BIT_XOR of no rows are 0, QUOTE(NULL) is 'NULL'); were it ever, nothing may match it.
  if (typeof digest !== 'string') throw new Error('The slot listing digest could not be read');
  return digest;
}

/** The span of time, `[from, until)` in epoch ms, over which the clock alone does not change a listing. */
export interface ClockWindow {
  from: number;
  until: number;
}

/**
 * The window around `now` in which a listing computed at `now` stays right: the Beijing day of `now` (today decides
 * the default range and the booking horizon), narrowed to the cutoffs on either side (a slot is bookable while
 * `now` is strictly before its cutoff, so a cutoff starts a window).
 */
export function clockWindow(now: Date, cutoffs: Iterable<Date>): ClockWindow {
  const today = beijingDate(now);
  let from = beijingInstant(today, '00:00').getTime();
  let until = beijingInstant(addCalendarDays(today, 1), '00:00').getTime();
  const at = now.getTime();
  for (const cutoff of cutoffs) {
    const instant = cutoff.getTime();
    if (instant <= at) from = Math.max(from, instant);
    else until = Math.min(until, instant);
  }
  return { from, until };
}

export interface CachedSlotList {
  /** `readSlotInputsDigest` of the rows the body was computed from. */
  digest: string;
  window: ClockWindow;
  /** The serialised answer. */
  body: string;
}

/** Listings by date range; at most `limit` ranges (the public can ask for any), the oldest dropped first. */
export class SlotListCache {
  private readonly entries = new Map<string, CachedSlotList>();

  constructor(private readonly limit = 32) {}

  /** The entry of the range when its clock window holds `now`. */
  get(key: string, now: Date): CachedSlotList | undefined {
    const entry = this.entries.get(key);
    return entry && holds(entry.window, now) ? entry : undefined;
  }

  set(key: string, entry: CachedSlotList): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

function holds(window: ClockWindow, now: Date): boolean {
  const at = now.getTime();
  return window.from <= at && at < window.until;
}

interface Listings {
  cache: SlotListCache;
  /** The listing being computed per range: requests that find the same digest meanwhile wait for it. */
  building: Map<string, Promise<CachedSlotList>>;
}

const listingsPerDatabase = new WeakMap<Database, Listings>();

function listingsOf(db: Database): Listings {
  let listings = listingsPerDatabase.get(db);
  if (!listings) {
    listings = { cache: new SlotListCache(), building: new Map() };
    listingsPerDatabase.set(db, listings);
  }
  return listings;
}

/** The pool drizzle was built on (db/client.ts). */
function poolOf(db: Database): Pool {
  return (db as unknown as { $client: Pool }).$client;
}

/**
 * The digest and the listing read in one consistent snapshot (REPEATABLE READ, WITH CONSISTENT SNAPSHOT, read
 * only), so a body is never kept under the digest of other rows than those it was computed from.
 */
async function buildSlotList(
  db: Database,
  now: Date,
  from: string,
  to: string,
  serialize: (list: LegalSlotList) => string,
): Promise<CachedSlotList> {
  const connection = await poolOf(db).getConnection();
  let healthy = true;
  try {
    await connection.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      const digest = await readSlotInputsDigest(connection, from, to);
      const { list, cutoffs } = await slotListing(drizzle(connection), now, from, to);
      return { digest, window: clockWindow(now, cutoffs), body: serialize(list) };
    } finally {
      await connection.query('COMMIT').catch(() => {
        healthy = false;
      });
    }
  } finally {
    // A connection left inside a transaction must not go back to the pool.
    if (healthy) connection.release();
    else connection.destroy();
  }
}

/**
 * The body of `GET /legal/slots` at `now`: the kept one when the live digest of its rows still matches and the
 * clock has not moved out of its window, else computed afresh (and kept). `serialize` is the route's own response
 * serializer (the shared zod schema), run once per computed listing.
 */
export async function slotListBody(
  db: Database,
  now: Date,
  query: { from?: string; to?: string },
  serialize: (list: LegalSlotList) => string,
): Promise<string> {
  const { from, to } = slotRange(beijingDate(now), query.from, query.to);
  const key = `${from}/${to}`;
  const { cache, building } = listingsOf(db);
  const cached = cache.get(key, now);
  const pending = building.get(key);
  const digest = cached || pending ? await readSlotInputsDigest(poolOf(db), from, to) : undefined;
  if (cached && cached.digest === digest) return cached.body;
  if (pending) {
    const built = await pending.catch(() => undefined);
    if (built && built.digest === digest && holds(built.window, now)) return built.body;
  }
  const build = buildSlotList(db, now, from, to, serialize);
  building.set(key, build);
  try {
    const built = await build;
    cache.set(key, built);
    return built.body;
  } finally {
    if (building.get(key) === build) building.delete(key);
  }
}
