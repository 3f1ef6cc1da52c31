import {
  consentKinds,
  consentMethods,
  disputeStatuses,
  familyLinkStatuses,
  relationships,
  veteranStatuses,
} from '@veterans/shared';
import { sql } from 'drizzle-orm';
import { char, date, index, int, json, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/** The bureau's veteran roster, imported by admins; a matching real-name identity becomes a verified veteran. */
export const veteranRoster = mysqlTable(
  'veteran_roster',
  {
    id: id(),
    idNumberHash: char('id_number_hash', { length: 64 }).notNull().unique(),
    idNumberCipher: varchar('id_number_cipher', { length: 255 }).notNull(),
    nameCipher: varchar('name_cipher', { length: 255 }).notNull(),
    nameHash: char('name_hash', { length: 64 }).notNull(),
    /**
     * The phone the bureau has for the veteran: automatic verification needs the account to have proven the same
     * number (SMS code or WeChat's phone API), so a name and an ID number alone never verify anyone.
     */
    phoneCipher: varchar('phone_cipher', { length: 255 }),
    phoneHash: char('phone_hash', { length: 64 }),
    dischargeDate: date('discharge_date', { mode: 'string' }),
    communityUnitId: ref('community_unit_id').notNull(),
    importId: ref('import_id').notNull(),
    ...timestamps,
  },
  (table) => [index('veteran_roster_community_idx').on(table.communityUnitId)],
);

/**
 * 身份申诉: someone claims an ID number another account already holds. The claimed identity is kept here
 * (encrypted, sealed to this row) until staff of the reviewing station compare both claims; while the dispute is
 * open neither account is a verified veteran (`holder_status_before` is what the holder goes back to if upheld).
 */
export const identityDisputes = mysqlTable(
  'identity_disputes',
  {
    id: id(),
    claimantUserId: ref('claimant_user_id').notNull(),
    holderUserId: ref('holder_user_id').notNull(),
    idNumberHash: char('id_number_hash', { length: 64 }).notNull(),
    idNumberCipher: varchar('id_number_cipher', { length: 255 }).notNull(),
    nameCipher: varchar('name_cipher', { length: 255 }).notNull(),
    nameHash: char('name_hash', { length: 64 }).notNull(),
    /** The station that reviews it: the roster's community for the ID number, else the holder's. */
    communityUnitId: ref('community_unit_id'),
    holderStatusBefore: mysqlEnum('holder_status_before', veteranStatuses).notNull(),
    status: mysqlEnum('status', disputeStatuses).notNull().default('open'),
    decidedBy: ref('decided_by'),
    decidedAt: instant('decided_at'),
    note: varchar('note', { length: 500 }),
    ...timestamps,
  },
  (table) => [
    index('identity_disputes_status_idx').on(table.status, table.communityUnitId),
    index('identity_disputes_claimant_idx').on(table.claimantUserId, table.status),
    index('identity_disputes_holder_idx').on(table.holderUserId, table.status),
  ],
);

/**
 * 人脸核身 sessions (WeChat's v2 face verification): what binds a session, so that the result is asked about the
 * identity and person it was opened for. `out_seq_no` is ours, unique per session.
 */
export const faceVerifications = mysqlTable(
  'face_verifications',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    outSeqNo: varchar('out_seq_no', { length: 32 }).notNull().unique(),
    verifyId: varchar('verify_id', { length: 256 }).notNull(),
    status: mysqlEnum('status', ['open', 'passed', 'failed']).notNull().default('open'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    decidedAt: instant('decided_at'),
  },
  (table) => [index('face_verifications_user_idx').on(table.userId, table.createdAt)],
);

export const rosterImports = mysqlTable('roster_imports', {
  id: id(),
  fileName: varchar('file_name', { length: 255 }).notNull(),
  importedBy: ref('imported_by').notNull(),
  /** The importing admin's unit: the import (and its report) belongs to that unit's subtree. */
  unitId: ref('unit_id'),
  totalRows: int('total_rows').notNull(),
  addedRows: int('added_rows').notNull(),
  unchangedRows: int('unchanged_rows').notNull(),
  rejectedRows: int('rejected_rows').notNull(),
  rejections: json('rejections').$type<{ row: number; reason: string }[]>().notNull(),
  createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});

/** A family member ↔ veteran link; only an active link lets the family member act for the veteran. */
export const familyLinks = mysqlTable(
  'family_links',
  {
    id: id(),
    familyUserId: ref('family_user_id').notNull(),
    veteranUserId: ref('veteran_user_id').notNull(),
    relationship: mysqlEnum('relationship', relationships).notNull(),
    status: mysqlEnum('status', familyLinkStatuses).notNull().default('pending'),
    decidedAt: instant('decided_at'),
    decidedBy: varchar('decided_by', { length: 32 }),
    ...timestamps,
  },
  (table) => [
    index('family_links_family_idx').on(table.familyUserId, table.status),
    index('family_links_veteran_idx').on(table.veteranUserId, table.status),
  ],
);

/** Consent records: which version of which policy, granted or withdrawn, when. Never updated, only added. */
export const consents = mysqlTable(
  'consents',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    kind: mysqlEnum('kind', consentKinds).notNull(),
    version: varchar('version', { length: 32 }).notNull(),
    granted: mysqlEnum('granted', ['granted', 'withdrawn']).notNull(),
    /** Ticked in the app, or recorded by staff at the counter (said in person, or a signed paper form). */
    method: mysqlEnum('method', consentMethods).notNull().default('online'),
    /** The staff member who recorded a counter consent. */
    recordedBy: ref('recorded_by'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('consents_user_idx').on(table.userId, table.kind, table.createdAt)],
);
