import {
  maskIdNumber,
  maskName,
  maskPhone,
  type RosterRowReveal,
  type VerificationDecisionBody,
  type VerificationItem,
} from '@veterans/shared';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { alias, type MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { orgUnits, users, veteranRoster } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { citizenInScope, communityScopeCondition, isWithinScope, type StaffScope } from '../org-units/scope';
import { notInOpenDispute } from './disputes';
import { latestIdentityProofs } from './identity-proof';
import { noticeVerificationOutcome } from './notices';

function queueWhere(scope: StaffScope) {
  return and(
    eq(users.veteranStatus, 'pending'),
    isNull(users.deletedAt),
    notInOpenDispute(users.id),
    communityScopeCondition(scope, users.communityUnitId, orgUnits.path),
  );
}

const rosterUnit = alias(orgUnits, 'roster_unit');

/** What the reviewer sees of the roster row with the applicant's ID number: masked, and what matches. */
function rosterMatch(
  cipher: Pick<FieldCipher, 'decrypt'>,
  account: { nameHash: string | null; phoneHash: string | null },
  roster: typeof veteranRoster.$inferSelect,
  communityName: string | null,
): VerificationItem['roster'] {
  return {
    name: maskName(cipher.decrypt(roster.nameCipher, sealedIn(veteranRoster.nameCipher, roster.id))),
    communityName,
    dischargeDate: roster.dischargeDate,
    nameMatches: roster.nameHash === account.nameHash,
    phoneMatches: roster.phoneHash === null ? null : roster.phoneHash === account.phoneHash,
  };
}

/** Veterans waiting for verification in the staff member's scope, oldest first, masked. */
export async function listVerificationQueue(
  db: Database,
  cipher: FieldCipher,
  scope: StaffScope,
  page: { limit: number; offset: number },
): Promise<{ items: VerificationItem[]; total: number }> {
  const rows = await db
    .select({
      userId: users.id,
      nameCipher: users.nameCipher,
      idNumberCipher: users.idNumberCipher,
      birthDate: users.birthDate,
      gender: users.gender,
      communityUnitId: users.communityUnitId,
      communityName: orgUnits.name,
      nameHash: users.nameHash,
      phoneHash: users.phoneHash,
      phoneCipher: users.phoneCipher,
      roster: veteranRoster,
      rosterCommunityName: rosterUnit.name,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .leftJoin(veteranRoster, eq(veteranRoster.idNumberHash, users.idNumberHash))
    .leftJoin(rosterUnit, eq(rosterUnit.id, veteranRoster.communityUnitId))
    .where(queueWhere(scope))
    .orderBy(asc(users.updatedAt), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .where(queueWhere(scope));
  const proofs = await latestIdentityProofs(
    db,
    rows.map((row) => row.userId),
  );
  return {
    total: counted?.n ?? 0,
    items: rows.map((row) => ({
      userId: row.userId,
      name: row.nameCipher ? maskName(cipher.decrypt(row.nameCipher, sealedIn(users.nameCipher, row.userId))) : '',
      idNumber: row.idNumberCipher
        ? maskIdNumber(cipher.decrypt(row.idNumberCipher, sealedIn(users.idNumberCipher, row.userId)))
        : '',
      birthDate: row.birthDate,
      gender: row.gender,
      communityUnitId: row.communityUnitId,
      communityName: row.communityName,
      phone: row.phoneCipher
        ? maskPhone(cipher.decrypt(row.phoneCipher, sealedIn(users.phoneCipher, row.userId)))
        : null,
      roster: row.roster && rosterMatch(cipher, row, row.roster, row.rosterCommunityName),
      inRosterUnderOtherName: row.roster !== null && row.roster.nameHash !== row.nameHash,
      proof: proofs.get(row.userId) ?? null,
      waitingSince: row.updatedAt.toISOString(),
    })),
  };
}

type CitizenRow = typeof users.$inferSelect;

/**
 * A (not deleted) citizen the staff member may work on. Anyone else — unknown, deleted, or outside the staff
 * member's unit subtree — is "not found" (404), so that staff of another station cannot even learn the id exists.
 */
export async function citizenForStaff(db: Database, scope: StaffScope, userId: number): Promise<CitizenRow> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user || !(await citizenInScope(db, scope, user.communityUnitId))) {
    throw new AppError('NOT_FOUND', '该用户不存在或不在您的管辖范围内');
  }
  return user;
}

/** Staff verify or reject a waiting veteran; a decision already taken (by anyone) is a 409. */
export async function decideVerification(
  db: Database,
  scope: StaffScope,
  staffId: number,
  userId: number,
  body: VerificationDecisionBody,
): Promise<{ veteranStatus: 'verified' | 'rejected'; communityUnitId: number | null }> {
  const user = await citizenForStaff(db, scope, userId);
  if (user.veteranStatus !== 'pending') throw new AppError('CONFLICT', '该认证申请已处理');
  let communityUnitId = user.communityUnitId;
  if (body.decision === 'verify' && body.communityUnitId !== undefined) {
    const [unit] = await db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, body.communityUnitId), eq(orgUnits.active, true)));
    if (!unit || !isWithinScope(scope.unitPath, unit.path))
      throw new AppError('UNIT_NOT_FOUND', '所选社区不存在或不在您的管辖范围内');
    communityUnitId = body.communityUnitId;
  }
  const veteranStatus = body.decision === 'verify' ? 'verified' : 'rejected';
  const now = new Date();
  return inTransaction(db, async (tx) => {
    const [result] = await tx
      .update(users)
      .set({
        veteranStatus,
        verifiedAt: now,
        verifiedBy: staffId,
        verificationNote: body.note ?? null,
        communityUnitId,
      })
      .where(and(eq(users.id, userId), eq(users.veteranStatus, 'pending'), notInOpenDispute(users.id)));
    if (result.affectedRows === 0) throw new AppError('CONFLICT', '该认证申请已处理，或该身份证号码存在申诉正在核实');
    await noticeVerificationOutcome(
      tx,
      userId,
      veteranStatus === 'verified' ? { verified: true } : { verified: false, reason: body.note ?? '材料不符' },
      now,
    );
    return { veteranStatus, communityUnitId };
  });
}

export interface FullIdentity {
  userId: number;
  kind: 'veteran' | 'family';
  name: string;
  idNumber: string;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  veteranStatus: CitizenRow['veteranStatus'];
  communityUnitId: number | null;
}

/** The whole, unmasked identity of a citizen in scope (the route audits every call). */
export async function fullIdentity(
  db: Database,
  cipher: FieldCipher,
  scope: StaffScope,
  userId: number,
): Promise<FullIdentity> {
  const user = await citizenForStaff(db, scope, userId);
  if (!user.nameCipher || !user.idNumberCipher) throw new AppError('NOT_FOUND', '该用户尚未实名认证');
  return {
    userId: user.id,
    kind: user.kind,
    name: cipher.decrypt(user.nameCipher, sealedIn(users.nameCipher, user.id)),
    idNumber: cipher.decrypt(user.idNumberCipher, sealedIn(users.idNumberCipher, user.id)),
    birthDate: user.birthDate,
    gender: user.gender,
    veteranStatus: user.veteranStatus,
    communityUnitId: user.communityUnitId,
  };
}

/** The roster row with the ID number of a citizen in scope, unmasked (the route audits every call). */
export async function rosterRowFor(
  db: Database,
  cipher: FieldCipher,
  scope: StaffScope,
  userId: number,
): Promise<RosterRowReveal> {
  const user = await citizenForStaff(db, scope, userId);
  const [row] = user.idNumberHash
    ? await db
        .select({ roster: veteranRoster, communityName: orgUnits.name })
        .from(veteranRoster)
        .leftJoin(orgUnits, eq(orgUnits.id, veteranRoster.communityUnitId))
        .where(eq(veteranRoster.idNumberHash, user.idNumberHash))
    : [];
  if (!row) throw new AppError('NOT_FOUND', '名册中没有该身份证号码的记录');
  const { roster } = row;
  const plain = (stored: string, column: MySqlColumn) => cipher.decrypt(stored, sealedIn(column, roster.id));
  return {
    name: plain(roster.nameCipher, veteranRoster.nameCipher),
    idNumber: plain(roster.idNumberCipher, veteranRoster.idNumberCipher),
    phone: roster.phoneCipher ? plain(roster.phoneCipher, veteranRoster.phoneCipher) : null,
    dischargeDate: roster.dischargeDate,
    communityName: row.communityName,
  };
}
