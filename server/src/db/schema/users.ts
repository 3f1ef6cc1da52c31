import { citizenKinds, staffRoles, veteranStatuses } from '@veterans/shared';
import { boolean, char, date, index, mysqlEnum, mysqlTable, smallint, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/**
 * Veterans and family members. Personal fields are stored encrypted (`*_cipher`, AES-256-GCM with the key
 * version inside the value) and found through keyed hashes (`*_hash`), never in plain text.
 */
export const users = mysqlTable(
  'users',
  {
    id: id(),
    kind: mysqlEnum('kind', citizenKinds).notNull().default('veteran'),
    openid: varchar('openid', { length: 64 }).unique(),
    phoneCipher: varchar('phone_cipher', { length: 255 }),
    phoneHash: char('phone_hash', { length: 64 }).unique(),
    nameCipher: varchar('name_cipher', { length: 255 }),
    /** Exact-name lookup for staff search (names are encrypted, so no partial match). */
    nameHash: char('name_hash', { length: 64 }),
    idNumberCipher: varchar('id_number_cipher', { length: 255 }),
    idNumberHash: char('id_number_hash', { length: 64 }).unique(),
    birthDate: date('birth_date', { mode: 'string' }),
    gender: mysqlEnum('gender', ['male', 'female']),
    veteranStatus: mysqlEnum('veteran_status', veteranStatuses).notNull().default('none'),
    verifiedAt: instant('verified_at'),
    verifiedBy: ref('verified_by'),
    verificationNote: varchar('verification_note', { length: 500 }),
    dischargeDate: date('discharge_date', { mode: 'string' }),
    communityUnitId: ref('community_unit_id'),
    careMode: boolean('care_mode').notNull().default(false),
    /**
     * 窗口代办: staff registered this person at the counter (who, when). The phone they gave there is kept apart
     * from `phone_hash` (a proven sign-in phone): it only lets a later app account that proves it, and knows the
     * name and ID number, take this record over (modules/counter).
     */
    counterRegisteredBy: ref('counter_registered_by'),
    counterRegisteredAt: instant('counter_registered_at'),
    counterPhoneCipher: varchar('counter_phone_cipher', { length: 255 }),
    counterPhoneHash: char('counter_phone_hash', { length: 64 }),
    deletedAt: instant('deleted_at'),
    ...timestamps,
  },
  (table) => [
    index('users_veteran_status_idx').on(table.veteranStatus, table.communityUnitId),
    index('users_community_idx').on(table.communityUnitId),
    // Statistics (modules/stats): veterans verified in a period, by community. Covers the query (status and
    // deletion too), so a year of verifications is counted in the index without reading the rows (~10× faster).
    index('users_community_verified_idx').on(
      table.communityUnitId,
      table.verifiedAt,
      table.veteranStatus,
      table.deletedAt,
    ),
    index('users_name_hash_idx').on(table.nameHash),
  ],
);

/** Staff, lawyers and admins: password sign-in, scoped to an org unit and the units below it. */
export const staffAccounts = mysqlTable(
  'staff_accounts',
  {
    id: id(),
    username: varchar('username', { length: 64 }).notNull().unique(),
    displayName: varchar('display_name', { length: 64 }).notNull(),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    role: mysqlEnum('role', staffRoles).notNull(),
    unitId: ref('unit_id').notNull(),
    isSupervisor: boolean('is_supervisor').notNull().default(false),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: smallint('failed_attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    passwordChangedAt: instant('password_changed_at'),
    lastLoginAt: instant('last_login_at'),
    ...timestamps,
  },
  (table) => [index('staff_accounts_unit_idx').on(table.unitId)],
);
