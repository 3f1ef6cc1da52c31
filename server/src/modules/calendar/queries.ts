import { eq, gte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { preparedPerDatabase } from '../../db/prepared';
import { holidayOverrides } from '../../db/schema/index';
import {
  addWorkingDays,
  beijingDate,
  type DayOverride,
  type WorkingCalendar,
  workingCalendar,
  workingDaysBetween,
} from './working-days';

type Reader = Pick<Database, 'select'>;

const overrideColumns = { day: holidayOverrides.day, kind: holidayOverrides.kind, name: holidayOverrides.name };
const overridesFrom = preparedPerDatabase((db: Reader) =>
  db
    .select(overrideColumns)
    .from(holidayOverrides)
    .where(gte(holidayOverrides.day, sql.placeholder('from')))
    .prepare(),
);
const allOverrides = preparedPerDatabase((db: Reader) => db.select(overrideColumns).from(holidayOverrides).prepare());

/**
 * The working calendar with the admins' overrides from `fromDate` on (all of them when omitted). Overrides are
 * read from the database each time, never cached in memory, so every API instance sees an edit at once.
 */
export async function loadWorkingCalendar(db: Reader, fromDate?: string): Promise<WorkingCalendar> {
  const rows = fromDate ? await overridesFrom(db).execute({ from: fromDate }) : await allOverrides(db).execute();
  return workingCalendar(
    new Map(rows.map((row): [string, DayOverride] => [row.day, { kind: row.kind, name: row.name }])),
  );
}

export async function findOverride(db: Reader, day: string) {
  const [row] = await db.select().from(holidayOverrides).where(eq(holidayOverrides.day, day));
  return row;
}

/** The due date of something promised in `days` working days, counted from the Beijing date of `from`. */
export async function dueDateAfter(db: Reader, from: Date, days: number): Promise<string> {
  const start = beijingDate(from);
  return addWorkingDays(start, days, await loadWorkingCalendar(db, start));
}

/** Working days from the Beijing date of `from` to that of `to`, the first day not counted (as due dates count). */
export async function workingDaysSince(db: Reader, from: Date, to: Date): Promise<number> {
  const start = beijingDate(from);
  return workingDaysBetween(start, beijingDate(to), await loadWorkingCalendar(db, start));
}
