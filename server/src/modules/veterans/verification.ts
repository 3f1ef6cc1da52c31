import { maskIdNumber, maskName } from '@veterans/shared';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orgUnits, users, veteranRoster } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { citizenInScope, communityScopeCondition, isWithinScope, type StaffScope } from '../org-units/scope';

export interface VerificationItem {
  userId: number;
  name: string;
  idNumber: string;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  communityUnitId: number | null;
  communityName: string | null;
  /** The ID number is in the roster but under another name (a typo, or someone else's number). */
  inRosterUnderOtherName: boolean;
  waitingSince: string;
}

function queueWhere(scope: StaffScope) {
  return and(
    eq(users.veteranStatus, 'pending'),
    isNull(users.deletedAt),
    communityScopeCondition(scope, users.communityUnitId, orgUnits.path),
  );
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
      rosterId: veteranRoster.id,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .leftJoin(veteranRoster, eq(veteranRoster.idNumberHash, users.idNumberHash))
    .where(queueWhere(scope))
    .orderBy(asc(users.updatedAt), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.communityUnitId))
    .where(queueWhere(scope));
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
      inRosterUnderOtherName: row.rosterId !== null,
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

export interface VerificationDecision {
  decision: 'verify' | 'reject';
  note?: string | undefined;
  communityUnitId?: number | undefined;
}

/** Staff verify or reject a waiting veteran; a decision already taken (by anyone) is a 409. */
export async function decideVerification(
  db: Database,
  scope: StaffScope,
  staffId: number,
  userId: number,
  body: VerificationDecision,
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
  const [result] = await db
    .update(users)
    .set({
      veteranStatus,
      verifiedAt: new Date(),
      verifiedBy: staffId,
      verificationNote: body.note ?? null,
      communityUnitId,
    })
    .where(and(eq(users.id, userId), eq(users.veteranStatus, 'pending')));
  if (result.affectedRows === 0) throw new AppError('CONFLICT', '该认证申请已处理');
  return { veteranStatus, communityUnitId };
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
