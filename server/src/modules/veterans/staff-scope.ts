import { eq, isNull, like, or, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { orgUnits } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { isWithinScope } from '../org-units/scope';

/** What a staff member may see of citizens: their unit's subtree; people without a community only at district level. */
export interface StaffScope {
  unitId: number;
  path: string;
  isDistrict: boolean;
}

export async function loadStaffScope(db: Database, unitId: number): Promise<StaffScope> {
  const [unit] = await db
    .select({ path: orgUnits.path, level: orgUnits.level })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  if (!unit) throw new AppError('FORBIDDEN');
  return { unitId, path: unit.path, isDistrict: unit.level === 'district' };
}

/**
 * True when a citizen whose community has this path (null: no community chosen yet) is within the scope.
 * Citizens without a community belong to nobody below the district, so only district-level staff see them.
 */
export function communityInScope(scope: StaffScope, communityPath: string | null): boolean {
  if (communityPath === null) return scope.isDistrict;
  return isWithinScope(scope.path, communityPath);
}

/** `_` and `%` are wildcards in LIKE; unit codes may contain `_`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The same rule as `communityInScope`, as SQL over a citizen's community column and the path of the org unit
 * left-joined on it.
 */
export function communityScopeCondition(scope: StaffScope, communityColumn: MySqlColumn, pathColumn: MySqlColumn): SQL {
  const inSubtree = like(pathColumn, `${escapeLike(scope.path)}%`);
  if (!scope.isDistrict) return inSubtree;
  return or(inSubtree, isNull(communityColumn)) as SQL;
}

/** Path of a citizen's community, or null when none (or the unit no longer exists). */
export async function communityPath(db: Database, communityUnitId: number | null): Promise<string | null> {
  if (communityUnitId === null) return null;
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, communityUnitId));
  return unit?.path ?? null;
}

export async function citizenInScope(
  db: Database,
  scope: StaffScope,
  communityUnitId: number | null,
): Promise<boolean> {
  if (communityUnitId === null) return communityInScope(scope, null);
  const path = await communityPath(db, communityUnitId);
  // A community that no longer exists: treat like no community (district only).
  return communityInScope(scope, path);
}
