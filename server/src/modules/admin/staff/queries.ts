import type { StaffAccount, StaffListQuery, StaffRole } from '@veterans/shared';
import { pageOffset } from '@veterans/shared';
import { and, asc, count, eq, like, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { orgUnits, staffAccounts } from '../../../db/schema/index';

type Executor = Pick<Database, 'select' | 'update'>;
type Reader = Pick<Database, 'select'>;

/** Every column an admin may see: never the password hash, the failure counter or timestamps of changes. */
const staffColumns = {
  id: staffAccounts.id,
  username: staffAccounts.username,
  displayName: staffAccounts.displayName,
  role: staffAccounts.role,
  unitId: staffAccounts.unitId,
  unitCode: orgUnits.code,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  isSupervisor: staffAccounts.isSupervisor,
  active: staffAccounts.active,
  mustChangePassword: staffAccounts.mustChangePassword,
  lockedUntil: staffAccounts.lockedUntil,
  lastLoginAt: staffAccounts.lastLoginAt,
  createdAt: staffAccounts.createdAt,
};

export interface StaffRow {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  isSupervisor: boolean;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export function toStaffAccount(row: StaffRow, now = new Date()): StaffAccount {
  const { unitPath: _path, lockedUntil, lastLoginAt, createdAt, ...rest } = row;
  return {
    ...rest,
    lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil.toISOString() : null,
    lastLoginAt: lastLoginAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
  };
}

/** `%` and `_` typed by the admin match themselves, not anything. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/** One page of the staff in the subtree of `scopePath`, in tree order of their units, then by username. */
export async function listStaff(
  db: Executor,
  scopePath: string,
  query: StaffListQuery,
): Promise<{ items: StaffAccount[]; total: number }> {
  const conditions: (SQL | undefined)[] = [like(orgUnits.path, `${scopePath}%`)];
  if (query.unitId !== undefined) conditions.push(eq(staffAccounts.unitId, query.unitId));
  if (query.role !== undefined) conditions.push(eq(staffAccounts.role, query.role));
  if (query.active !== undefined) conditions.push(eq(staffAccounts.active, query.active));
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q);
    conditions.push(or(like(staffAccounts.username, pattern), like(staffAccounts.displayName, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select(staffColumns)
      .from(staffAccounts)
      .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
      .where(where)
      .orderBy(asc(orgUnits.path), asc(staffAccounts.username), asc(staffAccounts.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(staffAccounts)
      .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
      .where(where),
  ]);
  const now = new Date();
  return { items: rows.map((row) => toStaffAccount(row, now)), total: total?.n ?? 0 };
}

/** One staff account with its unit's path; `lock` first takes the account row's lock (inside a transaction). */
export async function findStaff(db: Reader, id: number, lock = false): Promise<StaffRow | undefined> {
  if (lock) {
    const [locked] = await db
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(staffColumns)
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(eq(staffAccounts.id, id));
  return row;
}
