import { sql } from 'drizzle-orm';
import { date, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { instant, ref } from './columns';

/**
 * Admin-entered corrections to the statutory holiday calendar, for years the library does not know yet:
 * a date off (holiday) or a make-up working day (workday).
 */
export const holidayOverrides = mysqlTable('holiday_overrides', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: mysqlEnum('kind', ['holiday', 'workday']).notNull(),
  name: varchar('name', { length: 50 }).notNull(),
  createdBy: ref('created_by'),
  createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});
