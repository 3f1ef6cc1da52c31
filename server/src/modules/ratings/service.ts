import {
  findService,
  type RatingView,
  type RequestRating,
  ratingLevelLabel,
  ratingOpensFollowUp,
  staffFollowUpsPage,
  truncateText,
} from '@veterans/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orgUnits, ratingFollowUps, ratings, staffAccounts } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import { notify } from '../notifications/notify';
import type { RequestRow } from '../requests/access';
import type { Executor } from '../veterans/executor';

type RatingRow = typeof ratings.$inferSelect;

export function presentRating(
  row: Pick<RatingRow, 'level' | 'comment' | 'createdAt' | 'userId'>,
  viewerId: number | null,
): RatingView {
  return {
    mine: viewerId !== null && row.userId === viewerId,
    level: row.level as RatingView['level'],
    levelLabel: ratingLevelLabel(row.level),
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function ratingOf(db: Executor, requestId: number): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(eq(ratings.requestId, requestId)).limit(1);
  return row;
}

/** What the caller sees of a request's rating; `canRate` only ever for the applicant of a completed request. */
export async function requestRating(
  db: Database,
  request: RequestRow,
  citizenId: number | null,
): Promise<RequestRating> {
  const row = await ratingOf(db, request.id);
  return {
    rating: row ? presentRating(row, citizenId) : null,
    canRate: !row && citizenId === request.applicantUserId && request.status === 'completed',
  };
}

/** Ids of the unit and every unit above it (the codes of its path). */
export async function unitAndAncestors(db: Executor, unitId: number): Promise<number[]> {
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) return [];
  const codes = unit.path.split('/').filter(Boolean);
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.code, codes));
  return rows.map((row) => row.id);
}

/** Active supervisors 分管负责人 of the unit or of a unit above it. */
export async function supervisorsFor(db: Executor, unitId: number): Promise<number[]> {
  const units = await unitAndAncestors(db, unitId);
  if (units.length === 0) return [];
  const rows = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(
      and(inArray(staffAccounts.unitId, units), eq(staffAccounts.isSupervisor, true), eq(staffAccounts.active, true)),
    );
  return rows.map((row) => row.id);
}

/** The unit a follow-up belongs to: the request's unit, or the district centre for a request never routed. */
async function followUpUnit(db: Executor, request: RequestRow): Promise<number> {
  if (request.unitId !== null) return request.unitId;
  const [root] = await db.select({ id: orgUnits.id }).from(orgUnits).where(isNull(orgUnits.parentId)).limit(1);
  if (!root) throw new Error('No district unit to own the follow-up');
  return root.id;
}

export interface RateInput {
  level: number;
  comment?: string;
}

/**
 * 好差评: the applicant rates their completed request once. The unique index on `ratings.request_id` decides
 * between concurrent attempts (the loser gets ALREADY_RATED). A rating of 不满意 or 非常不满意 opens a
 * follow-up 回访整改 for the request's unit in the same transaction and tells that unit's supervisors and
 * those above it.
 */
export async function rateRequest(
  db: Database,
  request: RequestRow,
  userId: number,
  input: RateInput,
): Promise<{ rating: RatingView; followUpId: number | null }> {
  if (request.applicantUserId !== userId) throw new AppError('FORBIDDEN', '仅申请人可以评价该办件');
  if (request.status !== 'completed') throw new AppError('RATING_NOT_ALLOWED');
  if (await ratingOf(db, request.id)) throw new AppError('ALREADY_RATED');
  const comment = input.comment?.trim() || null;
  const now = new Date();
  try {
    const followUpId = await inTransaction(db, async (tx) => {
      const [inserted] = await tx.insert(ratings).values({
        requestId: request.id,
        userId,
        level: input.level,
        comment,
        unitId: request.unitId,
        // Every completed request was submitted; the fallback only satisfies the type.
        requestSubmittedAt: request.submittedAt ?? now,
        createdAt: now,
      });
      if (!ratingOpensFollowUp(input.level)) return null;
      const unitId = await followUpUnit(tx, request);
      const [opened] = await tx
        .insert(ratingFollowUps)
        .values({ ratingId: Number(inserted.insertId), requestId: request.id, unitId, status: 'open' });
      const service = findService(request.serviceCode)?.name ?? request.serviceCode;
      const label = ratingLevelLabel(input.level);
      for (const staffId of await supervisorsFor(tx, unitId)) {
        await notify(tx, {
          recipient: { type: 'staff', id: staffId },
          kind: 'rating-follow-up',
          title: `差评待回访：${label}`,
          body: truncateText(
            `${service} ${request.number ?? ''} 收到“${label}”评价${comment ? `：${comment}` : ''}。请及时回访整改并填写整改情况。`,
            500,
          ),
          link: staffFollowUpsPage,
        });
      }
      return Number(opened.insertId);
    });
    return { rating: presentRating({ level: input.level, comment, createdAt: now, userId }, userId), followUpId };
  } catch (error) {
    const code = mysqlErrorCode(error);
    if (code === 'ER_DUP_ENTRY') throw new AppError('ALREADY_RATED');
    if (code === 'ER_LOCK_DEADLOCK' && (await ratingOf(db, request.id))) throw new AppError('ALREADY_RATED');
    throw error;
  }
}
