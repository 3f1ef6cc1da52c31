import { and, eq, getTableName, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import {
  appealMeetings,
  articles,
  auditLog,
  authSessions,
  cannedReplies,
  conflictGuards,
  consents,
  faceVerifications,
  familyLinks,
  holidayOverrides,
  homeFilingRequests,
  homeVisits,
  idempotencyKeys,
  identityDisputes,
  legalBookings,
  legalClosures,
  legalConsultationRecords,
  legalRuleChangeImpacts,
  legalSlots,
  legalWaitlist,
  notifications,
  orgUnits,
  outbox,
  ratingFollowUps,
  ratings,
  refreshTokens,
  requestEvents,
  requestMessages,
  requestStatsChanges,
  requestStatsMonths,
  rosterImports,
  serviceRequests,
  staffAccounts,
  subscriptionGrants,
  uploads,
  users,
  veteranRoster,
} from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';
import { revokeAllSessions } from '../auth/sessions';
import { EMPTIED_ACCOUNT } from '../me/cleared-identity';
import type { Transaction } from '../veterans/executor';
import { decideMerge, familyLinksToDelete, type MergeDecision } from './plan';

/**
 * Every column that refers to a citizen account (`users.id`), and what the merge does with it. `move` rows are
 * repointed from the absorbed account to the survivor (only rows of citizens where the table also names staff);
 * `special` ones are handled by their own code below; `kept` ones are history that names the account as it was.
 * The schema test fails when a table gains a reference that is in neither this list nor OTHER_REFERENCES.
 */
export const CITIZEN_REFERENCES: ReadonlyArray<
  | { column: MySqlColumn; handling: 'move'; citizenWhen?: MySqlColumn }
  | { column: MySqlColumn; handling: 'special' | 'kept'; why: string }
> = [
  { column: serviceRequests.applicantUserId, handling: 'move' },
  { column: serviceRequests.subjectUserId, handling: 'move' },
  { column: requestEvents.actorId, handling: 'move', citizenWhen: requestEvents.actorType },
  { column: requestMessages.authorId, handling: 'move', citizenWhen: requestMessages.authorType },
  { column: ratings.userId, handling: 'move' },
  { column: uploads.uploaderId, handling: 'move', citizenWhen: uploads.uploaderType },
  { column: uploads.identityUserId, handling: 'move' },
  { column: legalBookings.userId, handling: 'move' },
  { column: legalBookings.subjectUserId, handling: 'move' },
  { column: legalWaitlist.userId, handling: 'move' },
  { column: legalWaitlist.subjectUserId, handling: 'move' },
  { column: notifications.recipientId, handling: 'move', citizenWhen: notifications.recipientType },
  { column: outbox.recipientId, handling: 'move', citizenWhen: outbox.recipientType },
  { column: consents.userId, handling: 'move' },
  { column: faceVerifications.userId, handling: 'move' },
  { column: identityDisputes.claimantUserId, handling: 'move' },
  { column: identityDisputes.holderUserId, handling: 'move' },
  { column: homeFilingRequests.personUserId, handling: 'move' },
  { column: homeFilingRequests.requestedByUserId, handling: 'move' },
  // Before family links move, a link between the two accounts and all but one of links that become the same pair
  // are deleted (familyLinksToDelete).
  { column: familyLinks.familyUserId, handling: 'move' },
  { column: familyLinks.veteranUserId, handling: 'move' },
  { column: subscriptionGrants.userId, handling: 'special', why: 'one row per template: the grants are added up' },
  {
    column: idempotencyKeys.userId,
    handling: 'special',
    why: 'keyed by (user, key): a key the survivor already used is dropped, the others move',
  },
  { column: authSessions.principalId, handling: 'special', why: "the absorbed account's sign-ins are revoked" },
  { column: refreshTokens.principalId, handling: 'special', why: "the absorbed account's sign-ins are revoked" },
  {
    column: auditLog.actorId,
    handling: 'kept',
    why: 'the audit log tells who did what as it happened; account.merged links the two ids',
  },
];

/** References to anything but a citizen account (staff, units, slots, requests…): the merge leaves them alone. */
export const OTHER_REFERENCES: readonly MySqlColumn[] = [
  articles.authorId,
  articles.unitId,
  holidayOverrides.createdBy,
  legalClosures.createdBy,
  legalSlots.ruleId,
  legalBookings.slotId,
  legalBookings.bookedByStaffId,
  legalWaitlist.slotId,
  legalWaitlist.bookingId,
  legalConsultationRecords.bookingId,
  legalConsultationRecords.lawyerStaffId,
  legalConsultationRecords.followUpRequestId,
  legalRuleChangeImpacts.bookingId,
  legalRuleChangeImpacts.handledBy,
  orgUnits.parentId,
  serviceRequests.unitId,
  serviceRequests.assigneeStaffId,
  serviceRequests.filedByStaffId,
  serviceRequests.pickupUnitId,
  requestEvents.requestId,
  requestMessages.requestId,
  cannedReplies.unitId,
  cannedReplies.createdBy,
  idempotencyKeys.requestId,
  homeVisits.requestId,
  homeFilingRequests.unitId,
  homeFilingRequests.scheduledBy,
  homeFilingRequests.visitedBy,
  homeFilingRequests.filedRequestId,
  homeVisits.staffId,
  appealMeetings.requestId,
  appealMeetings.createdBy,
  ratings.requestId,
  ratings.unitId,
  ratingFollowUps.ratingId,
  ratingFollowUps.requestId,
  ratingFollowUps.unitId,
  ratingFollowUps.closedBy,
  uploads.requestId,
  uploads.disputeId,
  consents.recordedBy,
  users.verifiedBy,
  users.counterRegisteredBy,
  users.communityUnitId,
  staffAccounts.unitId,
  veteranRoster.communityUnitId,
  veteranRoster.importId,
  identityDisputes.communityUnitId,
  identityDisputes.decidedBy,
  rosterImports.importedBy,
  rosterImports.unitId,
  // A counter typed like the id columns, not a reference.
  conflictGuards.version,
  // Statistics rollups count by unit, never by person.
  requestStatsMonths.unitId,
  requestStatsChanges.unitId,
];

/** The merge rules for the two accounts as they are now (both rows stay locked until `tx` ends). */
export async function mergeDecision(tx: Transaction, survivorId: number, absorbedId: number): Promise<MergeDecision> {
  const { sides } = await lockSides(tx, survivorId, absorbedId);
  return decideMerge(...sides);
}

const columnName = (column: MySqlColumn) => `${getTableName(column.table)}.${column.name}`;

export interface MergeInput {
  survivorId: number;
  absorbedId: number;
  /** The phone just proven by SMS code: the merged account's sign-in phone. */
  phone: string;
  now: Date;
}

export type MergeOutcome =
  | {
      merged: true;
      identityFrom: 'survivor' | 'absorbed' | 'none';
      /** The merged account signs in with the absorbed account's WeChat. */
      wechatMoved: boolean;
      moved: Record<string, number>;
    }
  | { merged: false; decision: Extract<MergeDecision, { allowed: false }> };

async function lockSides(tx: Transaction, survivorId: number, absorbedId: number) {
  // Both rows locked in id order, so two merges of the same pair (either way round) wait for each other.
  const rows = await tx
    .select()
    .from(users)
    .where(inArray(users.id, [survivorId, absorbedId]))
    .orderBy(users.id)
    .for('update');
  const survivor = rows.find((row) => row.id === survivorId);
  const absorbed = rows.find((row) => row.id === absorbedId);
  if (!survivor || !absorbed) throw new Error('merge of an account that does not exist');
  const disputes = await tx
    .select({ claimant: identityDisputes.claimantUserId, holder: identityDisputes.holderUserId })
    .from(identityDisputes)
    .where(
      and(
        eq(identityDisputes.status, 'open'),
        or(
          inArray(identityDisputes.claimantUserId, [survivorId, absorbedId]),
          inArray(identityDisputes.holderUserId, [survivorId, absorbedId]),
        ),
      ),
    );
  const openDisputes = (userId: number) =>
    disputes.filter((dispute) => dispute.claimant === userId || dispute.holder === userId).length;
  return {
    survivor,
    absorbed,
    sides: [survivor, absorbed].map((row) => ({
      id: row.id,
      deletedAt: row.deletedAt,
      openid: row.openid,
      idNumberHash: row.idNumberHash,
      openDisputes: openDisputes(row.id),
    })) as [Parameters<typeof decideMerge>[0], Parameters<typeof decideMerge>[1]],
  };
}

/**
 * Makes the absorbed account part of the survivor, in the caller's transaction: every row that belongs to the
 * absorbed account moves (CITIZEN_REFERENCES), its real-name identity and WeChat openid come along when the
 * survivor has none, the proven phone becomes the survivor's, and the absorbed account is left an empty, deleted
 * shell (so the audit entries naming it still point somewhere) whose sign-ins are revoked.
 */
export async function mergeAccounts(tx: Transaction, cipher: FieldCipher, input: MergeInput): Promise<MergeOutcome> {
  const { survivorId, absorbedId, phone, now } = input;
  const { survivor, absorbed, sides } = await lockSides(tx, survivorId, absorbedId);
  const decision = decideMerge(...sides);
  if (!decision.allowed) return { merged: false, decision };

  const links = await tx
    .select({
      id: familyLinks.id,
      familyUserId: familyLinks.familyUserId,
      veteranUserId: familyLinks.veteranUserId,
      status: familyLinks.status,
    })
    .from(familyLinks)
    .where(
      or(
        inArray(familyLinks.familyUserId, [survivorId, absorbedId]),
        inArray(familyLinks.veteranUserId, [survivorId, absorbedId]),
      ),
    );
  const duplicateLinks = familyLinksToDelete(links, survivorId, absorbedId);
  if (duplicateLinks.length > 0) await tx.delete(familyLinks).where(inArray(familyLinks.id, duplicateLinks));

  // Each grant allows one message: the survivor may now send as many as both accounts were allowed.
  await tx.execute(sql`
    INSERT INTO ${subscriptionGrants} (user_id, template, remaining, updated_at)
    SELECT ${survivorId}, absorbed.template, absorbed.remaining, ${now}
    FROM ${subscriptionGrants} AS absorbed WHERE absorbed.user_id = ${absorbedId}
    ON DUPLICATE KEY UPDATE remaining = ${subscriptionGrants}.remaining + VALUES(remaining), updated_at = VALUES(updated_at)`);
  await tx.delete(subscriptionGrants).where(eq(subscriptionGrants.userId, absorbedId));

  // A retry key is only worth keeping while the survivor has not used the same one.
  await tx.execute(sql`
    UPDATE IGNORE ${idempotencyKeys} SET user_id = ${survivorId} WHERE user_id = ${absorbedId}`);
  await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, absorbedId));

  const moved: Record<string, number> = {};
  for (const reference of CITIZEN_REFERENCES) {
    if (reference.handling !== 'move') continue;
    const conditions: SQL[] = [sql`${sql.identifier(reference.column.name)} = ${absorbedId}`];
    if (reference.citizenWhen) conditions.push(sql`${sql.identifier(reference.citizenWhen.name)} = 'citizen'`);
    const [result] = await tx.execute(
      sql`UPDATE ${reference.column.table} SET ${sql.identifier(reference.column.name)} = ${survivorId} WHERE ${sql.join(conditions, sql` AND `)}`,
    );
    const affected = (result as unknown as { affectedRows: number }).affectedRows;
    if (affected > 0) moved[columnName(reference.column)] = affected;
  }

  await revokeAllSessions(tx, 'citizen', absorbedId, now);

  // The absorbed row gives up its unique values (openid, phone, ID number) before the survivor takes them.
  await tx
    .update(users)
    .set({
      ...EMPTIED_ACCOUNT,
      deletedAt: now,
    })
    .where(eq(users.id, absorbedId));
  const reseal = (column: MySqlColumn, stored: string | null) =>
    stored === null
      ? null
      : cipher.encrypt(cipher.decrypt(stored, sealedIn(column, absorbedId)), sealedIn(column, survivorId));
  const identity =
    decision.identityFrom === 'absorbed'
      ? {
          kind: absorbed.kind,
          nameCipher: reseal(users.nameCipher, absorbed.nameCipher),
          nameHash: absorbed.nameHash,
          idNumberCipher: reseal(users.idNumberCipher, absorbed.idNumberCipher),
          idNumberHash: absorbed.idNumberHash,
          birthDate: absorbed.birthDate,
          gender: absorbed.gender,
          veteranStatus: absorbed.veteranStatus,
          verifiedAt: absorbed.verifiedAt,
          verifiedBy: absorbed.verifiedBy,
          verificationNote: absorbed.verificationNote,
          dischargeDate: absorbed.dischargeDate,
          communityUnitId: absorbed.communityUnitId,
        }
      : {};
  await tx
    .update(users)
    .set({
      ...identity,
      openid: decision.openid,
      phoneHash: cipher.hash(phone),
      phoneCipher: cipher.encrypt(phone, sealedIn(users.phoneCipher, survivorId)),
      ...(absorbed.careMode ? { careMode: true } : {}),
    })
    .where(eq(users.id, survivorId));
  const wechatMoved = decision.openid !== null && decision.openid !== survivor.openid;
  return { merged: true, identityFrom: decision.identityFrom, wechatMoved, moved };
}
