import { sql } from 'drizzle-orm';
import { bigint, datetime } from 'drizzle-orm/mysql-core';

/** Surrogate key used by every table. */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** A reference to another table's surrogate key. */
export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** UTC instant with millisecond precision (every pooled connection runs in UTC). */
export const instant = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const timestamps = {
  createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  updatedAt: instant('updated_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date()),
};
