import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { idempotencyKeys, requestEvents, serviceRequests, uploads } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';

type Writer = Pick<Database, 'select' | 'update' | 'delete'>;

/** Expired drafts removed per run; a full batch asks the scheduler for another run at once. */
const EXPIRY_BATCH = 200;

/**
 * Removes drafts with their timeline and idempotency keys, in the caller's transaction. Their files are
 * unlinked rather than kept pointing at a request that no longer exists, so the orphan-upload purge deletes
 * them (a discarded form's 退伍证 scan is not kept for ever).
 */
export async function discardDrafts(tx: Writer, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(requestEvents).where(inArray(requestEvents.requestId, [...ids]));
  await tx.delete(idempotencyKeys).where(inArray(idempotencyKeys.requestId, [...ids]));
  await tx
    .update(uploads)
    .set({ requestId: null })
    .where(inArray(uploads.requestId, [...ids]));
  await tx.delete(serviceRequests).where(inArray(serviceRequests.id, [...ids]));
}

/**
 * For `DELETE /me`: the user's unsubmitted drafts go (submitted requests are government records and stay).
 * Runs in the caller's transaction.
 */
export async function deleteDraftsOf(tx: Writer, userId: number): Promise<number> {
  const drafts = await tx
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.applicantUserId, userId), eq(serviceRequests.status, 'draft')));
  await discardDrafts(
    tx,
    drafts.map((draft) => draft.id),
  );
  return drafts.length;
}

/**
 * Draft expiry 草稿过期: drafts past `draft_expires_at` (60 days after their last save; their applicant was
 * reminded 7 days before) can no longer be saved or submitted, so they are deleted. The rows are locked and
 * re-checked in the transaction, so a save that extended a draft at the same moment keeps it.
 */
export async function expireDrafts(db: Database, now: Date): Promise<{ expired: number; more: boolean }> {
  const expired = await inTransaction(db, async (tx) => {
    const rows = await tx
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(and(eq(serviceRequests.status, 'draft'), lte(serviceRequests.draftExpiresAt, now)))
      .orderBy(asc(serviceRequests.draftExpiresAt))
      .limit(EXPIRY_BATCH)
      .for('update', { skipLocked: true });
    await discardDrafts(
      tx,
      rows.map((row) => row.id),
    );
    return rows.length;
  });
  return { expired, more: expired === EXPIRY_BATCH };
}
