import {
  type DisputeDecisionBody,
  disputeStatusLabels,
  type IdentityDisputeInput,
  identityPage,
  type MyIdentityDispute,
  maskIdNumber,
  maskName,
  maskPhone,
  parseIdNumber,
  type StaffIdentityDispute,
} from '@veterans/shared';
import { and, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias, type MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { familyLinks, identityDisputes, orgUnits, uploads, users, veteranRoster } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import type { Caller } from '../../plugins/caller';
import { CLEARED_IDENTITY } from '../me/cleared-identity';
import { notify, type Writer } from '../notifications/notify';
import { citizenInScope, communityScopeCondition, type StaffScope } from '../org-units/scope';
import { normaliseIdNumber, normaliseName } from './roster-match';

/**
 * 身份申诉: the way forward when someone's ID number is already held by another account. The claimant files a
 * claim with a proof; the reviewing station compares both claims; the losing claim is removed (the account keeps
 * everything else) and both people are told. While a dispute is open neither account is a verified veteran.
 */

type DisputeRow = typeof identityDisputes.$inferSelect;

/**
 * For queries over users: the account is not a party to an open dispute. While one is open nobody verifies either
 * side — not the staff queue, not the roster match — until the dispute is decided.
 */
export function notInOpenDispute(userId: MySqlColumn): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${identityDisputes} WHERE ${identityDisputes.status} = 'open' AND (${identityDisputes.holderUserId} = ${userId} OR ${identityDisputes.claimantUserId} = ${userId}))`;
}
const SUSPENDED_NOTE = '该身份证号码存在申诉，工作人员核实期间暂停认证';

async function tell(db: Writer, userId: number, title: string, body: string): Promise<void> {
  await notify(db, {
    recipient: { type: 'citizen', id: userId },
    kind: 'identity-dispute',
    title,
    body,
    link: identityPage,
  });
}

/** `POST /me/identity-disputes`: the caller claims an ID number another account holds. */
export async function fileDispute(
  db: Database,
  cipher: FieldCipher,
  claimantId: number,
  input: IdentityDisputeInput,
): Promise<number> {
  const name = normaliseName(input.name);
  const idNumber = normaliseIdNumber(input.idNumber);
  if (!parseIdNumber(idNumber)) throw new AppError('VALIDATION_FAILED', '身份证号码不正确，请核对出生日期和校验位');
  const idNumberHash = cipher.hash(idNumber);
  return inTransaction(db, async (tx) => {
    const [claimant] = await tx.select().from(users).where(eq(users.id, claimantId)).for('update');
    if (!claimant) throw new AppError('INVALID_TOKEN');
    if (claimant.veteranStatus === 'verified') {
      throw new AppError('IDENTITY_LOCKED', '您的实名信息已认证，不能再申诉其他身份证号码');
    }
    const [holder] = await tx
      .select()
      .from(users)
      .where(and(eq(users.idNumberHash, idNumberHash), isNull(users.deletedAt)))
      .for('update');
    if (!holder || holder.id === claimantId) {
      throw new AppError('CONFLICT', '该身份证号码没有被其他账号使用，请直接提交实名信息');
    }
    const [open] = await tx
      .select({ id: identityDisputes.id })
      .from(identityDisputes)
      .where(
        and(
          eq(identityDisputes.status, 'open'),
          or(eq(identityDisputes.claimantUserId, claimantId), eq(identityDisputes.idNumberHash, idNumberHash)),
        ),
      )
      .limit(1);
    if (open) throw new AppError('CONFLICT', '该身份证号码已有申诉正在核实，请耐心等待结果');
    const [proof] = await tx
      .select()
      .from(uploads)
      .where(
        and(
          eq(uploads.publicId, input.proofUploadId),
          eq(uploads.uploaderType, 'citizen'),
          eq(uploads.uploaderId, claimantId),
          isNull(uploads.requestId),
          isNull(uploads.disputeId),
        ),
      )
      .for('update');
    if (!proof) throw new AppError('UPLOAD_NOT_FOUND', '证件照片不存在或已使用，请重新上传');
    const [roster] = await tx
      .select({ communityUnitId: veteranRoster.communityUnitId })
      .from(veteranRoster)
      .where(eq(veteranRoster.idNumberHash, idNumberHash));

    const [created] = await tx.insert(identityDisputes).values({
      claimantUserId: claimantId,
      holderUserId: holder.id,
      idNumberHash,
      idNumberCipher: '',
      nameCipher: '',
      nameHash: cipher.hash(name),
      communityUnitId: roster?.communityUnitId ?? holder.communityUnitId,
      holderStatusBefore: holder.veteranStatus,
    });
    const disputeId = created.insertId;
    await writeSealed(tx, cipher, disputeId, [
      [identityDisputes.idNumberCipher, idNumber],
      [identityDisputes.nameCipher, name],
    ]);
    await tx.update(uploads).set({ disputeId }).where(eq(uploads.id, proof.id));
    if (holder.veteranStatus === 'verified') {
      await tx
        .update(users)
        .set({ veteranStatus: 'pending', verificationNote: SUSPENDED_NOTE })
        .where(eq(users.id, holder.id));
    }
    await tell(
      tx,
      claimantId,
      '身份申诉已提交',
      '您对已被其他账号使用的身份证号码提出的申诉已提交，服务站工作人员会核实双方材料，结果会通过消息通知您。',
    );
    await tell(
      tx,
      holder.id,
      '您的实名信息有人申诉',
      '有人对您账号登记的身份证号码提出申诉。服务站工作人员核实期间，您的退役军人认证暂停；如需补充材料，请携带证件到所在社区服务站。',
    );
    return disputeId;
  });
}

/** The caller's disputes, newest first. */
export async function myDisputes(db: Database, cipher: FieldCipher, userId: number): Promise<MyIdentityDispute[]> {
  const rows = await db
    .select()
    .from(identityDisputes)
    .where(eq(identityDisputes.claimantUserId, userId))
    .orderBy(desc(identityDisputes.id))
    .limit(20);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    statusLabel: disputeStatusLabels[row.status],
    idNumber: maskIdNumber(cipher.decrypt(row.idNumberCipher, sealedIn(identityDisputes.idNumberCipher, row.id))),
    note: row.status === 'open' ? null : row.note,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  }));
}

const holderUser = alias(users, 'holder_user');
const claimantUser = alias(users, 'claimant_user');

function disputeQuery(db: Database) {
  return db
    .select({
      dispute: identityDisputes,
      holder: holderUser,
      claimant: claimantUser,
      roster: veteranRoster,
      communityName: orgUnits.name,
      proofUploadId: uploads.publicId,
    })
    .from(identityDisputes)
    .innerJoin(holderUser, eq(holderUser.id, identityDisputes.holderUserId))
    .innerJoin(claimantUser, eq(claimantUser.id, identityDisputes.claimantUserId))
    .leftJoin(veteranRoster, eq(veteranRoster.idNumberHash, identityDisputes.idNumberHash))
    .leftJoin(orgUnits, eq(orgUnits.id, identityDisputes.communityUnitId))
    .leftJoin(uploads, eq(uploads.disputeId, identityDisputes.id));
}

type DisputeView = Awaited<ReturnType<ReturnType<typeof disputeQuery>['execute']>>[number];

function toStaffDispute(cipher: Pick<FieldCipher, 'decrypt'>, row: DisputeView): StaffIdentityDispute {
  const { dispute, holder, claimant, roster } = row;
  const party = (user: typeof users.$inferSelect, nameHash: string | null, name: string) => ({
    userId: user.id,
    name: maskName(name),
    phone: user.phoneCipher ? maskPhone(cipher.decrypt(user.phoneCipher, sealedIn(users.phoneCipher, user.id))) : null,
    nameMatchesRoster: roster ? roster.nameHash === nameHash : null,
    phoneMatchesRoster: roster?.phoneHash ? roster.phoneHash === user.phoneHash : null,
  });
  const holderName = holder.nameCipher ? cipher.decrypt(holder.nameCipher, sealedIn(users.nameCipher, holder.id)) : '';
  const claimedName = cipher.decrypt(dispute.nameCipher, sealedIn(identityDisputes.nameCipher, dispute.id));
  return {
    id: dispute.id,
    idNumber: maskIdNumber(
      cipher.decrypt(dispute.idNumberCipher, sealedIn(identityDisputes.idNumberCipher, dispute.id)),
    ),
    communityName: row.communityName,
    inRoster: roster !== null,
    holder: { ...party(holder, holder.nameHash, holderName), statusBefore: dispute.holderStatusBefore },
    claimant: party(claimant, dispute.nameHash, claimedName),
    proofUploadId: row.proofUploadId,
    status: dispute.status,
    createdAt: dispute.createdAt.toISOString(),
  };
}

/** Open disputes the staff member reviews (their subtree; those without a community at district level). */
export async function listDisputes(
  db: Database,
  cipher: Pick<FieldCipher, 'decrypt'>,
  scope: StaffScope,
): Promise<StaffIdentityDispute[]> {
  const rows = await disputeQuery(db)
    .where(
      and(
        eq(identityDisputes.status, 'open'),
        communityScopeCondition(scope, identityDisputes.communityUnitId, orgUnits.path),
      ),
    )
    .orderBy(identityDisputes.id)
    .limit(100);
  return rows.map((row) => toStaffDispute(cipher, row));
}

async function disputeInScope(db: Database, scope: StaffScope, disputeId: number): Promise<DisputeRow> {
  const [dispute] = await db.select().from(identityDisputes).where(eq(identityDisputes.id, disputeId));
  if (!dispute || !(await citizenInScope(db, scope, dispute.communityUnitId))) {
    throw new AppError('NOT_FOUND', '申诉不存在或不在您的管辖范围内');
  }
  return dispute;
}

/** Whether this caller may open the proof of this dispute (the upload access rule). */
export async function disputeReviewableBy(db: Database, disputeId: number, caller: Caller): Promise<boolean> {
  if (caller.type !== 'staff' || !caller.abilities.has('veterans.verify')) return false;
  try {
    await disputeInScope(db, caller, disputeId);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/**
 * `POST /staff/identity-disputes/:id`: staff decide who the ID number belongs to. For the claimant: the holder's
 * real-name identity is removed (their family links confirmed against it end; everything else stays) and the
 * claimant becomes the verified veteran. For the holder: they get back the status they had. Both are told.
 */
export async function decideDispute(
  db: Database,
  cipher: FieldCipher,
  scope: StaffScope,
  staffId: number,
  disputeId: number,
  body: DisputeDecisionBody,
): Promise<StaffIdentityDispute> {
  await disputeInScope(db, scope, disputeId);
  const now = new Date();
  await inTransaction(db, async (tx) => {
    const [dispute] = await tx.select().from(identityDisputes).where(eq(identityDisputes.id, disputeId)).for('update');
    if (dispute?.status !== 'open') throw new AppError('CONFLICT', '该申诉已处理');
    await tx
      .update(identityDisputes)
      .set({ status: body.winner, decidedBy: staffId, decidedAt: now, note: body.note })
      .where(eq(identityDisputes.id, disputeId));
    if (body.winner === 'holder') {
      await tx
        .update(users)
        .set({ veteranStatus: dispute.holderStatusBefore, verificationNote: null })
        .where(eq(users.id, dispute.holderUserId));
      await tell(tx, dispute.claimantUserId, '身份申诉未成立', `经核实，您的身份申诉未成立：${body.note}`);
      await tell(tx, dispute.holderUserId, '身份申诉已处理', '经核实，您的实名信息保持不变，认证状态已恢复。');
      return;
    }
    const idNumber = cipher.decrypt(dispute.idNumberCipher, sealedIn(identityDisputes.idNumberCipher, dispute.id));
    const name = cipher.decrypt(dispute.nameCipher, sealedIn(identityDisputes.nameCipher, dispute.id));
    const facts = parseIdNumber(idNumber);
    await tx
      .update(users)
      .set({ ...CLEARED_IDENTITY, verificationNote: '身份申诉成立，实名信息已移除' })
      .where(eq(users.id, dispute.holderUserId));
    await tx
      .update(familyLinks)
      .set({ status: 'ended', decidedAt: now, decidedBy: 'identity-dispute' })
      .where(
        and(
          eq(familyLinks.status, 'active'),
          or(eq(familyLinks.familyUserId, dispute.holderUserId), eq(familyLinks.veteranUserId, dispute.holderUserId)),
        ),
      );
    await tx
      .update(users)
      .set({
        kind: 'veteran',
        idNumberHash: dispute.idNumberHash,
        nameHash: dispute.nameHash,
        birthDate: facts?.birthDate ?? null,
        gender: facts?.gender ?? null,
        veteranStatus: 'verified',
        verifiedAt: now,
        verifiedBy: staffId,
        verificationNote: '身份申诉核实成立',
        communityUnitId: dispute.communityUnitId,
      })
      .where(eq(users.id, dispute.claimantUserId));
    await writeSealed(tx, cipher, dispute.claimantUserId, [
      [users.nameCipher, name],
      [users.idNumberCipher, idNumber],
    ]);
    await tell(
      tx,
      dispute.claimantUserId,
      '身份申诉成立',
      '经核实，您的身份申诉成立，实名信息已登记到您的账号并认证为退役军人。',
    );
    await tell(
      tx,
      dispute.holderUserId,
      '您的实名信息已被移除',
      `经核实，您账号登记的身份证号码属于他人，实名信息已移除，账号中的其他内容保留：${body.note}。如有疑问，请携带证件到所在社区服务站咨询。`,
    );
  });
  const [row] = await disputeQuery(db).where(eq(identityDisputes.id, disputeId));
  if (!row) throw new AppError('NOT_FOUND', '申诉不存在或不在您的管辖范围内');
  return toStaffDispute(cipher, row);
}
