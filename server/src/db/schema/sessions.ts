import { sql } from 'drizzle-orm';
import { char, index, mysqlEnum, mysqlTable, primaryKey, smallint, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref } from './columns';

/**
 * One row per sign-in (a refresh-token chain): every access token names its session (`sid`), and the caller is
 * refused at the next request once `revoked_at` is set — by sign-out, password change, disabling or deleting
 * the account, or a reused refresh token.
 */
export const authSessions = mysqlTable(
  'auth_sessions',
  {
    id: char('id', { length: 36 }).primaryKey(),
    principalType: mysqlEnum('principal_type', ['citizen', 'staff']).notNull(),
    principalId: ref('principal_id').notNull(),
    revokedAt: instant('revoked_at'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('auth_sessions_principal_idx').on(table.principalType, table.principalId)],
);

/**
 * Opaque refresh tokens, stored hashed. Each rotation adds a row to the same `chain_id`; presenting a
 * token that was already rotated revokes the whole chain (a stolen token was used).
 */
export const refreshTokens = mysqlTable(
  'refresh_tokens',
  {
    id: id(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    chainId: char('chain_id', { length: 36 }).notNull(),
    principalType: mysqlEnum('principal_type', ['citizen', 'staff']).notNull(),
    principalId: ref('principal_id').notNull(),
    expiresAt: instant('expires_at').notNull(),
    rotatedAt: instant('rotated_at'),
    revokedAt: instant('revoked_at'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    index('refresh_tokens_chain_idx').on(table.chainId),
    index('refresh_tokens_principal_idx').on(table.principalType, table.principalId),
  ],
);

/**
 * Wrong staff passwords, counted per typed username (`name_hash`: a keyed hash, so unknown names are counted
 * like known ones without what was typed being stored) for each client address (`client_hash`) and for all
 * addresses together (`client_hash` = ''). The rules are in modules/auth/lockout.ts.
 */
export const staffSignInFailures = mysqlTable(
  'staff_sign_in_failures',
  {
    nameHash: char('name_hash', { length: 64 }).notNull(),
    clientHash: varchar('client_hash', { length: 64 }).notNull(),
    failedAttempts: smallint('failed_attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    updatedAt: instant('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [primaryKey({ columns: [table.nameHash, table.clientHash] })],
);

/** One-time SMS sign-in codes, hashed; a few wrong tries use a code up. */
export const smsCodes = mysqlTable(
  'sms_codes',
  {
    id: id(),
    phoneHash: char('phone_hash', { length: 64 }).notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    ipHash: char('ip_hash', { length: 64 }).notNull(),
    attempts: smallint('attempts').notNull().default(0),
    expiresAt: instant('expires_at').notNull(),
    consumedAt: instant('consumed_at'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    index('sms_codes_phone_idx').on(table.phoneHash, table.createdAt),
    index('sms_codes_ip_idx').on(table.ipHash, table.createdAt),
  ],
);

/** WeChat's access token, shared by every API instance and refreshed before it expires. */
export const wechatAccessTokens = mysqlTable('wechat_access_tokens', {
  appId: varchar('app_id', { length: 64 }).primaryKey(),
  token: varchar('token', { length: 512 }).notNull(),
  expiresAt: instant('expires_at').notNull(),
  updatedAt: instant('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});
