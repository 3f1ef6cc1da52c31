import { and, lt, notExists, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { authSessions, refreshTokens } from '../../db/schema/index';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/caller';
import { EXPIRED_TOKEN_GRACE_MS } from './refresh-tokens';

const BATCH = 5000;

/**
 * Deletes sign-in rows nothing can use any more, a batch at a time: a session whose refresh-token chain has no
 * token left within expiry and grace (every access token it named expired long ago), or one revoked longer ago
 * than an access token lives. An access token naming a deleted session is refused like a revoked one.
 * Sessions younger than the grace are kept: the first token of a new sign-in is written just after its session.
 */
export async function pruneAuthSessions(db: Database, now: Date): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - EXPIRED_TOKEN_GRACE_MS);
  const revokedCutoff = new Date(now.getTime() - 2 * ACCESS_TOKEN_TTL_SECONDS * 1000);
  const liveToken = db
    .select({ one: sql`1` })
    .from(refreshTokens)
    .where(and(sql`${refreshTokens.chainId} = ${authSessions.id}`, sql`${refreshTokens.expiresAt} >= ${cutoff}`));
  const [result] = await db
    .delete(authSessions)
    .where(or(and(lt(authSessions.createdAt, cutoff), notExists(liveToken)), lt(authSessions.revokedAt, revokedCutoff)))
    .limit(BATCH);
  return { deleted: result.affectedRows };
}
