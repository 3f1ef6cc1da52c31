import type { ErrorCode } from '@veterans/shared';
import { eq, isNull, like, or, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { orgUnits } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { StaffCaller } from '../../plugins/caller';

/**
 * Unit scope, the one rule every staff route applies: a staff member acts on their own unit and every unit
 * below it — the units whose materialised path starts with theirs. Citizens belong to the unit of their
 * community; those without one belong to nobody below the district, so only district-level staff see them.
 */
type Scoped = Pick<StaffCaller, 'unitPath'>;
/** What a staff member may see of citizens. */
export type StaffScope = Pick<StaffCaller, 'unitId' | 'unitPath' | 'unitLevel'>;

export function isWithinScope(scopePath: string, targetPath: string): boolean {
  return targetPath.startsWith(scopePath);
}

export function inScope(caller: Scoped, unitPath: string | null | undefined): boolean {
  return unitPath !== null && unitPath !== undefined && isWithinScope(caller.unitPath, unitPath);
}

/** Refuses an object outside the caller's subtree: OUT_OF_SCOPE, or a not-found code where existence must not show. */
export function assertInScope(caller: Scoped, unitPath: string | null | undefined, code: ErrorCode = 'OUT_OF_SCOPE') {
  if (!inScope(caller, unitPath)) throw new AppError(code);
}

/** `_` and `%` are wildcards in LIKE; unit codes may contain `_`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** SQL for "this unit path column lies in the caller's subtree" (an indexed prefix scan). */
export function scopeCondition(caller: Scoped, pathColumn: MySqlColumn): SQL {
  return like(pathColumn, `${escapeLike(caller.unitPath)}%`);
}

/** The district centre's staff see the whole district (citizens without a unit too). */
export function isDistrictWide(caller: Pick<StaffCaller, 'unitLevel'>): boolean {
  return caller.unitLevel === 'district';
}

/** True when a citizen whose community has this path (null: none chosen yet, or gone) is within the scope. */
export function communityInScope(scope: StaffScope, communityPath: string | null): boolean {
  if (communityPath === null) return isDistrictWide(scope);
  return isWithinScope(scope.unitPath, communityPath);
}

/**
 * The same rule as `communityInScope`, as SQL over a citizen's community column and the path of the org unit
 * left-joined on it.
 */
export function communityScopeCondition(scope: StaffScope, communityColumn: MySqlColumn, pathColumn: MySqlColumn): SQL {
  const inSubtree = scopeCondition(scope, pathColumn);
  if (!isDistrictWide(scope)) return inSubtree;
  return or(inSubtree, isNull(communityColumn)) as SQL;
}

/** True when the citizen of this community (null: none) is within the scope. */
export async function citizenInScope(db: Database, scope: StaffScope, communityUnitId: number | null) {
  const path = communityUnitId === null ? null : ((await unitPath(db, communityUnitId)) ?? null);
  return communityInScope(scope, path);
}

export async function unitPath(db: Database, unitId: number): Promise<string | undefined> {
  const [row] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return row?.path;
}

/** Ids of the unit at this path and all units below it. */
export async function subtreeUnitIds(db: Database, path: string): Promise<number[]> {
  const rows = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(like(orgUnits.path, `${escapeLike(path)}%`));
  return rows.map((row) => row.id);
}
