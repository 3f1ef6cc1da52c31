import { eq, like } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orgUnits } from '../../db/schema/index';

/** A staff member sees their own unit and every unit below it: the units whose path starts with theirs. */
export function isWithinScope(scopePath: string, targetPath: string): boolean {
  return targetPath.startsWith(scopePath);
}

export async function unitPath(db: Database, unitId: number): Promise<string | undefined> {
  const [row] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return row?.path;
}

/** Ids of the unit and all units below it. */
export async function subtreeUnitIds(db: Database, unitId: number): Promise<number[]> {
  const path = await unitPath(db, unitId);
  if (!path) return [];
  const rows = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(like(orgUnits.path, `${path}%`));
  return rows.map((row) => row.id);
}

/** True when `targetUnitId` is the staff unit or below it. */
export async function unitInScope(db: Database, staffUnitId: number, targetUnitId: number): Promise<boolean> {
  const [scope, target] = await Promise.all([unitPath(db, staffUnitId), unitPath(db, targetUnitId)]);
  return scope !== undefined && target !== undefined && isWithinScope(scope, target);
}
