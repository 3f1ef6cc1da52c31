import { orgLevels } from '@veterans/shared';
import { boolean, double, index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, ref, timestamps } from './columns';

/**
 * The three-level service system as a tree. `path` is the chain of codes from the root
 * (`/weidu/xidajie/`), so a unit's subtree is one indexed prefix scan.
 */
export const orgUnits = mysqlTable(
  'org_units',
  {
    id: id(),
    code: varchar('code', { length: 64 }).notNull().unique(),
    name: varchar('name', { length: 100 }).notNull(),
    level: mysqlEnum('level', orgLevels).notNull(),
    parentId: ref('parent_id'),
    path: varchar('path', { length: 512 }).notNull(),
    address: varchar('address', { length: 200 }),
    phone: varchar('phone', { length: 32 }),
    /** Where the unit is (GCJ-02, as WeChat's wx.openLocation and Chinese map sites take it), for a map link. */
    latitude: double('latitude'),
    longitude: double('longitude'),
    openingHours: varchar('opening_hours', { length: 100 }),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (table) => [index('org_units_parent_idx').on(table.parentId), index('org_units_path_idx').on(table.path)],
);
