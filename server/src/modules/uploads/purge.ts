import { and, inArray, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { uploads } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import type { FileStorage } from './storage';

/** Files never named by a form (nor by an identity dispute) are kept this long (a form may take several days). */
export const ORPHAN_UPLOAD_DAYS = 7;

/**
 * Deletes uploads that were never linked to a request and are older than the cut-off. The rows go first, in a
 * transaction that locks them (as `attachUploads` does), so a form naming one of them at the same moment
 * either links it first (and it is kept) or gets UPLOAD_NOT_FOUND — never a link to a deleted file. The
 * stored objects are removed afterwards; a crash in between only leaves unreferenced objects behind.
 * Returns how many were removed; call it from a periodic job until it returns 0.
 */
export async function purgeOrphanUploads(
  db: Database,
  storage: FileStorage,
  { olderThan = new Date(Date.now() - ORPHAN_UPLOAD_DAYS * 24 * 60 * 60 * 1000), batch = 200 } = {},
): Promise<number> {
  const removed = await inTransaction(db, async (tx) => {
    const rows = await tx
      .select({ id: uploads.id, storageKey: uploads.storageKey })
      .from(uploads)
      .where(
        and(
          isNull(uploads.requestId),
          isNull(uploads.disputeId),
          isNull(uploads.identityUserId),
          lt(uploads.createdAt, olderThan),
        ),
      )
      .limit(batch)
      .for('update');
    if (rows.length > 0) {
      await tx.delete(uploads).where(
        inArray(
          uploads.id,
          rows.map((row) => row.id),
        ),
      );
    }
    return rows;
  });
  for (const row of removed) await storage.delete(row.storageKey).catch(() => {});
  return removed.length;
}
