import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { faceVerifications, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { notInOpenDispute } from '../veterans/disputes';
import { noticeVerificationOutcome } from '../veterans/notices';
import { findRosterEntry } from '../veterans/roster-match';
import type { WechatClient } from './client';

/** WeChat's verify_id is good for an hour. */
const SESSION_MS = 60 * 60 * 1000;
const FACE_MATCH_NOTE = '微信人脸核身通过，与退役军人名册一致';

type UserRow = typeof users.$inferSelect;

function identityOf(app: FastifyInstance, user: UserRow): { name: string; idNumber: string; openid: string } {
  if (!app.config.WECHAT_FACE_VERIFY) throw new AppError('NOT_FOUND', '本服务未开通人脸核身');
  if (!user.openid) throw new AppError('CONFLICT', '请在微信小程序中使用人脸核身');
  if (!user.nameCipher || !user.idNumberCipher) throw new AppError('IDENTITY_REQUIRED', '请先填写实名信息');
  if (user.veteranStatus === 'verified') throw new AppError('IDENTITY_LOCKED', '实名信息已认证');
  return {
    name: app.cipher.decrypt(user.nameCipher, sealedIn(users.nameCipher, user.id)),
    idNumber: app.cipher.decrypt(user.idNumberCipher, sealedIn(users.idNumberCipher, user.id)),
    openid: user.openid,
  };
}

/** `POST /me/face-verification`: opens a face-verification session for the caller's real-name identity. */
export async function openFaceVerification(app: FastifyInstance, wechat: WechatClient, user: UserRow) {
  const identity = identityOf(app, user);
  const outSeqNo = `fv-${randomBytes(12).toString('hex')}`;
  const verifyId = await wechat.faceVerifyId({ outSeqNo, ...identity });
  await app.db.insert(faceVerifications).values({ userId: user.id, outSeqNo, verifyId });
  return { verifyId };
}

/**
 * `POST /me/face-verification/result`: asks WeChat (never the app) how the session ended. A face that matches the
 * identity proves the person is who the identity says; the roster then says they are a veteran: with a roster
 * row of the same name they are verified at once, otherwise the claim stays with staff.
 */
export async function finishFaceVerification(
  app: FastifyInstance,
  wechat: WechatClient,
  user: UserRow,
  verifyId: string,
): Promise<{ passed: boolean; verified: boolean }> {
  const identity = identityOf(app, user);
  const [session] = await app.db
    .select()
    .from(faceVerifications)
    .where(
      and(
        eq(faceVerifications.userId, user.id),
        eq(faceVerifications.verifyId, verifyId),
        eq(faceVerifications.status, 'open'),
        gt(faceVerifications.createdAt, new Date(Date.now() - SESSION_MS)),
      ),
    );
  if (!session) throw new AppError('NOT_FOUND', '人脸核身已过期或不存在，请重新开始');
  const passed = await wechat.faceVerified({ ...identity, outSeqNo: session.outSeqNo, verifyId });
  const now = new Date();
  return inTransaction(app.db, async (tx) => {
    await tx
      .update(faceVerifications)
      .set({ status: passed ? 'passed' : 'failed', decidedAt: now })
      .where(eq(faceVerifications.id, session.id));
    if (!passed || user.kind !== 'veteran' || !user.idNumberHash) return { passed, verified: false };
    const roster = await findRosterEntry(tx, user.idNumberHash);
    if (!roster || roster.nameHash !== user.nameHash) return { passed, verified: false };
    const [result] = await tx
      .update(users)
      .set({
        veteranStatus: 'verified',
        verifiedAt: now,
        verifiedBy: null,
        verificationNote: FACE_MATCH_NOTE,
        communityUnitId: roster.communityUnitId,
        dischargeDate: roster.dischargeDate,
      })
      .where(and(eq(users.id, user.id), eq(users.veteranStatus, user.veteranStatus), notInOpenDispute(users.id)));
    if (result.affectedRows === 0) return { passed, verified: false };
    await noticeVerificationOutcome(tx, user.id, { verified: true }, now);
    return { passed, verified: true };
  });
}
