import { boolean, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, timestamps } from './columns';

/** The 优待证 partner banks 合作银行 the district admin keeps; applicants choose an active one. */
export const cardBanks = mysqlTable('card_banks', {
  id: id(),
  name: varchar('name', { length: 50 }).notNull().unique(),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});
