import {
  type FollowUp,
  type FollowUpStatus,
  findService,
  ratingLevelLabel,
  requestDetailPage,
  type ServiceCode,
  truncateText,
} from '@veterans/shared';
import { and, asc, count, desc, eq, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { orgUnits, ratingFollowUps, ratings, serviceRequests, staffAccounts } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { StaffCaller } from '../../plugins/caller';
import { notify } from '../notifications/notify';
import { escapeLike } from '../org-units/scope';
import { recordRequestEvent } from '../requests/events';

/** A caseworker as far as follow-ups care: where they sit, and whether they may close them. */
export type FollowUpCaller = Pick<StaffCaller, 'id' | 'unitPath' | 'abilities'>;

/** Supervisors 分管负责人 and admins close follow-ups of units in their scope. */
function mayClose(caller: FollowUpCaller): boolean {
  return caller.abilities.has('requests.follow-up');
}

const closer = alias(staffAccounts, 'closer');

const followUpColumns = {
  followUp: ratingFollowUps,
  requestNumber: serviceRequests.number,
  serviceCode: serviceRequests.serviceCode,
  unitName: orgUnits.name,
  level: ratings.level,
  comment: ratings.comment,
  closedByName: closer.displayName,
};

type FollowUpRow = {
  followUp: typeof ratingFollowUps.$inferSelect;
  requestNumber: string | null;
  serviceCode: ServiceCode;
  unitName: string;
  level: number;
  comment: string | null;
  closedByName: string | null;
};

function present(caller: FollowUpCaller, row: FollowUpRow): FollowUp {
  const { followUp } = row;
  return {
    id: followUp.id,
    requestId: followUp.requestId,
    requestNumber: row.requestNumber,
    serviceCode: row.serviceCode,
    serviceName: findService(row.serviceCode)?.name ?? row.serviceCode,
    unitId: followUp.unitId,
    unitName: row.unitName,
    level: row.level as FollowUp['level'],
    levelLabel: ratingLevelLabel(row.level),
    comment: row.comment,
    status: followUp.status,
    note: followUp.note,
    closedByName: row.closedByName,
    closedAt: followUp.closedAt?.toISOString() ?? null,
    createdAt: followUp.createdAt.toISOString(),
    canClose: followUp.status === 'open' && mayClose(caller),
  };
}

function baseQuery(db: Database) {
  return db
    .select(followUpColumns)
    .from(ratingFollowUps)
    .innerJoin(orgUnits, eq(orgUnits.id, ratingFollowUps.unitId))
    .innerJoin(serviceRequests, eq(serviceRequests.id, ratingFollowUps.requestId))
    .innerJoin(ratings, eq(ratings.id, ratingFollowUps.ratingId))
    .leftJoin(closer, eq(closer.id, ratingFollowUps.closedBy));
}

/** Follow-ups of units in the caller's subtree: open ones oldest first (a work queue), closed ones newest first. */
export async function listFollowUps(
  db: Database,
  caller: FollowUpCaller,
  status: FollowUpStatus,
  page: { limit: number; offset: number },
): Promise<{ items: FollowUp[]; total: number }> {
  const where = and(eq(ratingFollowUps.status, status), like(orgUnits.path, `${escapeLike(caller.unitPath)}%`));
  const order =
    status === 'open'
      ? [asc(ratingFollowUps.createdAt), asc(ratingFollowUps.id)]
      : [desc(ratingFollowUps.closedAt), desc(ratingFollowUps.id)];
  const [rows, [counted]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(ratingFollowUps)
      .innerJoin(orgUnits, eq(orgUnits.id, ratingFollowUps.unitId))
      .where(where),
  ]);
  return { items: rows.map((row) => present(caller, row)), total: counted?.total ?? 0 };
}

/**
 * Closes a follow-up with the supervisor's note 整改情况: only a supervisor (or an admin) whose scope includes
 * the unit; the note is required; a closed follow-up stays closed (FOLLOW_UP_CLOSED). The row is locked, so two
 * supervisors closing at once cannot both succeed. The request's timeline records `follow_up_closed`.
 */
export async function closeFollowUp(
  db: Database,
  caller: FollowUpCaller,
  id: number,
  note: string | undefined,
): Promise<FollowUp> {
  await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({
        followUp: ratingFollowUps,
        unitPath: orgUnits.path,
        raterId: ratings.userId,
        requestNumber: serviceRequests.number,
        serviceCode: serviceRequests.serviceCode,
      })
      .from(ratingFollowUps)
      .innerJoin(orgUnits, eq(orgUnits.id, ratingFollowUps.unitId))
      .innerJoin(ratings, eq(ratings.id, ratingFollowUps.ratingId))
      .innerJoin(serviceRequests, eq(serviceRequests.id, ratingFollowUps.requestId))
      .where(eq(ratingFollowUps.id, id))
      .for('update');
    if (!row?.unitPath.startsWith(caller.unitPath)) throw new AppError('NOT_FOUND', '回访记录不存在');
    if (!mayClose(caller)) throw new AppError('FORBIDDEN', '仅本机构或上级机构的分管负责人可以关闭回访');
    if (row.followUp.status === 'closed') throw new AppError('FOLLOW_UP_CLOSED');
    const text = note?.trim();
    if (!text) throw new AppError('REASON_REQUIRED', '请填写回访整改情况');
    const now = new Date();
    await tx
      .update(ratingFollowUps)
      .set({ status: 'closed', closedBy: caller.id, closedAt: now, note: text })
      .where(eq(ratingFollowUps.id, id));
    await recordRequestEvent(tx, {
      requestId: row.followUp.requestId,
      actorType: 'staff',
      actorId: caller.id,
      action: 'follow_up_closed',
      comment: '差评回访整改已完成',
      at: now,
    });
    // The person who gave the bad rating hears that it was acted on, and how.
    const reference = row.requestNumber ?? String(row.followUp.requestId);
    await notify(tx, {
      recipient: { type: 'citizen', id: row.raterId },
      kind: 'follow-up-closed',
      title: '您的评价已回访整改',
      body: truncateText(
        `您对「${findService(row.serviceCode)?.name ?? row.serviceCode}」（${reference}）的评价已回访整改：${text}`,
        500,
      ),
      link: requestDetailPage(row.followUp.requestId),
    });
  });
  const [saved] = await baseQuery(db).where(eq(ratingFollowUps.id, id));
  if (!saved) throw new AppError('NOT_FOUND', '回访记录不存在');
  return present(caller, saved);
}
