import { and, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { staffSignInFailures } from '../../db/schema/index';
import { LOCK_DURATION_MS } from '../auth/lockout';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a staff sign-in counter row is kept after its last failure: the lockout window and a day more.
 * A lock runs out LOCK_DURATION_MS after the failure that set it (updated_at), and a row whose lock has run out
 * counts like no row (auth/lockout.ts: the count starts again), so such a row is long dead by then. A row still
 * below the limit stops counting its failures a day after the last one — a guesser waiting a day between a
 * handful of tries gets fewer than the lock itself allows (five per lockout window).
 */
export const SIGN_IN_FAILURE_RETENTION_MS = LOCK_DURATION_MS + DAY_MS;

export interface SignInFailureAge {
  lockedUntil: Date | null;
  updatedAt: Date;
}

/** Rows last changed strictly before this instant, with no lock reaching it, may be deleted. */
export function signInFailureCutoff(now: Date): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('signInFailureCutoff: invalid "now"');
  return new Date(now.getTime() - SIGN_IN_FAILURE_RETENTION_MS);
}

/** Whether a counter row is stale at `cutoff`: last failure before it, and no lock lasting until it. */
export function isStaleSignInFailure(row: SignInFailureAge, cutoff: Date): boolean {
  return (
    row.updatedAt.getTime() < cutoff.getTime() &&
    (row.lockedUntil === null || row.lockedUntil.getTime() < cutoff.getTime())
  );
}

/** `isStaleSignInFailure` in SQL. */
function staleAt(cutoff: Date): SQL | undefined {
  return and(
    lt(staffSignInFailures.updatedAt, cutoff),
    or(isNull(staffSignInFailures.lockedUntil), lt(staffSignInFailures.lockedUntil, cutoff)),
  );
}

export interface SignInFailurePruneResult {
  deleted: number;
  cutoff: Date;
}

/**
 * Maintenance: deletes the staff sign-in counter rows that are stale (`isStaleSignInFailure`), in batches. Each
 * batch is found by a plain read and deleted by primary key with the condition checked again, so the delete
 * locks only the rows it removes (a sign-in locks its own rows meanwhile) and a row counted again since stays.
 */
export async function pruneSignInFailures(
  db: Database,
  now: Date,
  { batchSize = 500 }: { batchSize?: number } = {},
): Promise<SignInFailurePruneResult> {
  const cutoff = signInFailureCutoff(now);
  const limit = Math.max(1, Math.floor(batchSize));
  let deleted = 0;
  for (;;) {
    const batch = await db
      .select({ nameHash: staffSignInFailures.nameHash, clientHash: staffSignInFailures.clientHash })
      .from(staffSignInFailures)
      .where(staleAt(cutoff))
      .limit(limit);
    if (batch.length === 0) break;
    const [result] = await db
      .delete(staffSignInFailures)
      .where(
        and(
          staleAt(cutoff),
          or(
            ...batch.map((key) =>
              and(eq(staffSignInFailures.nameHash, key.nameHash), eq(staffSignInFailures.clientHash, key.clientHash)),
            ),
          ),
        ),
      );
    deleted += result.affectedRows;
    if (batch.length < limit) break;
  }
  return { deleted, cutoff };
}
