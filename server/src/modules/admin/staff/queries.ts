import type { StaffAccount, StaffListQuery, StaffRole } from '@veterans/shared';
import { pageOffset } from '@veterans/shared';
import { and, asc, count, eq, gt, inArray, like, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { orgUnits, staffAccounts, staffSignInFailures } from '../../../db/schema/index';
import { lockInForce } from '../../auth/lockout';
import { type SignInFailureState, signInLock } from '../../auth/sign-in-lock';

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

/**
 * An account as admins see it. `signInFailures`: the counter rows of its username (`signInFailuresOf`); it is
 * locked until the latest of the sign-in locks in force on it — from any address, by the rule of sign-in itself
 * (auth/sign-in-lock.ts) — and its own lock after wrong current passwords when changing the password.
 */
export function toStaffAccount(
  row: StaffRow,
  signInFailures: readonly SignInFailureState[],
  now = new Date(),
): StaffAccount {
  const { unitPath: _path, lockedUntil, lastLoginAt, createdAt, ...rest } = row;
  const signIn = signInLock(signInFailures, now);
  const lock = lockInForce([{ failedAttempts: 0, lockedUntil }, ...(signIn ? [signIn] : [])], now);
  return {
    ...rest,
    lockedUntil: lock?.lockedUntil?.toISOString() ?? null,
    lastLoginAt: lastLoginAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
  };
}

/** The sign-in counter rows holding a lock still in force, by name hash, of the given name hashes. */
export async function signInFailuresOf(
  db: Reader,
  nameHashes: readonly string[],
  now: Date,
): Promise<Map<string, SignInFailureState[]>> {
  const byName = new Map<string, SignInFailureState[]>();
  if (nameHashes.length === 0) return byName;
  const rows = await db
    .select({
      nameHash: staffSignInFailures.nameHash,
      clientHash: staffSignInFailures.clientHash,
      failedAttempts: staffSignInFailures.failedAttempts,
      lockedUntil: staffSignInFailures.lockedUntil,
    })
    .from(staffSignInFailures)
    .where(
      and(inArray(staffSignInFailures.nameHash, [...new Set(nameHashes)]), gt(staffSignInFailures.lockedUntil, now)),
    );
  for (const { nameHash, ...state } of rows) byName.set(nameHash, [...(byName.get(nameHash) ?? []), state]);
  return byName;
}

/** Accounts as admins see them, with their sign-in locks; `nameHash` is the counter rows' hash of a username. */
export async function presentStaff(
  db: Reader,
  nameHash: (username: string) => string,
  rows: readonly StaffRow[],
  now = new Date(),
): Promise<StaffAccount[]> {
  const hashes = rows.map((row) => nameHash(row.username));
  const failures = await signInFailuresOf(db, hashes, now);
  return rows.map((row, index) => toStaffAccount(row, failures.get(hashes[index] as string) ?? [], now));
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
): Promise<{ rows: StaffRow[]; total: number }> {
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
  return { rows, total: total?.n ?? 0 };
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
