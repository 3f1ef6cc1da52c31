import type { OrgUnit } from '@veterans/shared';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orgUnits } from '../../db/schema/index';

/** Active units in tree order (a parent before its children). */
export async function listActiveUnits(db: Database): Promise<OrgUnit[]> {
  return db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      level: orgUnits.level,
      parentId: orgUnits.parentId,
      address: orgUnits.address,
      phone: orgUnits.phone,
      latitude: orgUnits.latitude,
      longitude: orgUnits.longitude,
      openingHours: orgUnits.openingHours,
    })
    .from(orgUnits)
    .where(eq(orgUnits.active, true))
    .orderBy(asc(orgUnits.path));
}
