import { lt } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { refreshTokens } from '../../db/schema/index';

/** Expired refresh tokens are kept a day longer (a late reuse still finds its chain), then deleted. */
export const EXPIRED_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 5000;

/** Deletes refresh tokens past expiry and grace, a batch at a time (the job runs again next hour). */
export async function pruneRefreshTokens(db: Database, now: Date): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - EXPIRED_TOKEN_GRACE_MS);
  const [result] = await db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, cutoff)).limit(BATCH);
  return { deleted: result.affectedRows };
}
