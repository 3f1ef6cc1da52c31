import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { uploads, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { Caller } from '../../plugins/caller';
import { citizenInScope } from '../org-units/scope';
import type { Executor } from './executor';

export interface IdentityProof {
  uploadId: string;
  fileName: string;
  uploadedAt: string;
}

/** Photos a proof may be: what staff can look at on the queue page. */
const PROOF_TYPES = ['image/jpeg', 'image/png'];

/** The latest proof each of these citizens attached to their identity claim. */
export async function latestIdentityProofs(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, IdentityProof>> {
  const proofs = new Map<number, IdentityProof>();
  if (userIds.length === 0) return proofs;
  const rows = await db
    .select({
      userId: uploads.identityUserId,
      uploadId: uploads.publicId,
      fileName: uploads.fileName,
      createdAt: uploads.createdAt,
    })
    .from(uploads)
    .where(inArray(uploads.identityUserId, [...userIds]))
    .orderBy(desc(uploads.id));
  for (const row of rows) {
    if (row.userId !== null && !proofs.has(row.userId)) {
      proofs.set(row.userId, {
        uploadId: row.uploadId,
        fileName: row.fileName,
        uploadedAt: row.createdAt.toISOString(),
      });
    }
  }
  return proofs;
}

/**
 * `POST /me/identity/proof`: the caller attaches a photo they uploaded (their 退伍证 or 优待证) to their waiting
 * veteran claim, for the staff of the 实名核验 queue. Only a claim that waits for staff takes one.
 */
export async function attachIdentityProof(db: Database, userId: number, uploadId: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.idNumberHash) throw new AppError('IDENTITY_REQUIRED', '请先填写实名信息');
  if (user.kind !== 'veteran' || user.veteranStatus !== 'pending') {
    throw new AppError('CONFLICT', '只有等待核验的退役军人需要上传证件照片');
  }
  const [result] = await db
    .update(uploads)
    .set({ identityUserId: userId })
    .where(
      and(
        eq(uploads.publicId, uploadId),
        eq(uploads.uploaderType, 'citizen'),
        eq(uploads.uploaderId, userId),
        inArray(uploads.mimeType, PROOF_TYPES),
        isNull(uploads.requestId),
        isNull(uploads.disputeId),
        isNull(uploads.identityUserId),
      ),
    );
  if (result.affectedRows === 0) {
    throw new AppError('UPLOAD_NOT_FOUND', '证件照片不存在或已使用，请重新上传 JPG 或 PNG 照片');
  }
}

/** Whether this caller may open a proof of this citizen's identity claim: staff who verify, in the citizen's scope. */
export async function identityProofReviewableBy(db: Database, userId: number, caller: Caller): Promise<boolean> {
  if (caller.type !== 'staff' || !caller.abilities.has('veterans.verify')) return false;
  const [user] = await db
    .select({ communityUnitId: users.communityUnitId })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  return user !== undefined && (await citizenInScope(db, caller, user.communityUnitId));
}
