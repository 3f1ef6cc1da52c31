import type { CannedReply, CannedReplyBody } from '@veterans/shared';
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cannedReplies, orgUnits } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { StaffCaller } from '../../plugins/caller';
import { isWithinScope } from '../org-units/scope';

/**
 * Canned replies 常用回复: district-wide ones (unit null) and unit-specific ones. Staff see those of their own
 * unit, of the units above it, and the district-wide ones; they manage the ones of units in their scope
 * (their unit and below), and district-wide ones only from the district centre.
 */
export type CannedReplyCaller = Pick<StaffCaller, 'id' | 'unitId' | 'unitPath'>;

interface ReplyRow {
  id: number;
  unitId: number | null;
  title: string;
  body: string;
  updatedAt: Date;
  unitName: string | null;
  unitPath: string | null;
}

/** The district centre is the root of the tree: its path has one segment (`/weidu/`). */
function atDistrict(caller: CannedReplyCaller): boolean {
  return caller.unitPath.split('/').filter(Boolean).length === 1;
}

function mayManage(caller: CannedReplyCaller, row: Pick<ReplyRow, 'unitId' | 'unitPath'>): boolean {
  if (row.unitId === null) return atDistrict(caller);
  return row.unitPath !== null && isWithinScope(caller.unitPath, row.unitPath);
}

function present(caller: CannedReplyCaller, row: ReplyRow): CannedReply {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    unitId: row.unitId,
    unitName: row.unitName,
    editable: mayManage(caller, row),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const replyColumns = {
  id: cannedReplies.id,
  unitId: cannedReplies.unitId,
  title: cannedReplies.title,
  body: cannedReplies.body,
  updatedAt: cannedReplies.updatedAt,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
};

/** Ids of the caller's unit and every unit above it (from the codes in its path). */
async function ancestryUnitIds(db: Database, caller: CannedReplyCaller): Promise<number[]> {
  const codes = caller.unitPath.split('/').filter(Boolean);
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.code, codes));
  return rows.map((row) => row.id);
}

export async function listCannedReplies(db: Database, caller: CannedReplyCaller): Promise<CannedReply[]> {
  const unitIds = await ancestryUnitIds(db, caller);
  const rows = await db
    .select(replyColumns)
    .from(cannedReplies)
    .leftJoin(orgUnits, eq(orgUnits.id, cannedReplies.unitId))
    .where(
      unitIds.length > 0
        ? or(isNull(cannedReplies.unitId), inArray(cannedReplies.unitId, unitIds))
        : isNull(cannedReplies.unitId),
    )
    // The caller's own unit first, then upwards, then district-wide; newest first within each.
    .orderBy(desc(orgUnits.path), desc(cannedReplies.updatedAt), asc(cannedReplies.id));
  return rows.map((row) => present(caller, row));
}

async function replyRow(db: Database, id: number): Promise<ReplyRow | undefined> {
  const [row] = await db
    .select(replyColumns)
    .from(cannedReplies)
    .leftJoin(orgUnits, eq(orgUnits.id, cannedReplies.unitId))
    .where(eq(cannedReplies.id, id));
  return row;
}

/** The reply when the caller may change it: 404 when they cannot even see it, 403 when they only see it. */
async function manageableReply(db: Database, caller: CannedReplyCaller, id: number): Promise<ReplyRow> {
  const row = await replyRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', '常用回复不存在');
  if (mayManage(caller, row)) return row;
  const visible = row.unitId === null || (await ancestryUnitIds(db, caller)).includes(row.unitId);
  if (!visible) throw new AppError('NOT_FOUND', '常用回复不存在');
  throw new AppError('FORBIDDEN', '只能修改本机构及下级机构的常用回复');
}

export async function createCannedReply(
  db: Database,
  caller: CannedReplyCaller,
  input: CannedReplyBody,
): Promise<CannedReply> {
  let unitId: number | null;
  if (input.unitId === null) {
    if (!atDistrict(caller)) throw new AppError('FORBIDDEN', '全区通用的常用回复只能由区服务中心添加');
    unitId = null;
  } else if (input.unitId === undefined) {
    unitId = caller.unitId;
  } else {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, input.unitId));
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    if (!isWithinScope(caller.unitPath, unit.path)) throw new AppError('OUT_OF_SCOPE');
    unitId = input.unitId;
  }
  const [result] = await db
    .insert(cannedReplies)
    .values({ unitId, title: input.title, body: input.body, createdBy: caller.id });
  const row = await replyRow(db, Number(result.insertId));
  if (!row) throw new Error('Canned reply not saved');
  return present(caller, row);
}

export async function updateCannedReply(
  db: Database,
  caller: CannedReplyCaller,
  id: number,
  patch: { title?: string; body?: string },
): Promise<CannedReply> {
  await manageableReply(db, caller, id);
  await db
    .update(cannedReplies)
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
    })
    .where(eq(cannedReplies.id, id));
  const row = await replyRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', '常用回复不存在');
  return present(caller, row);
}

export async function deleteCannedReply(db: Database, caller: CannedReplyCaller, id: number): Promise<void> {
  await manageableReply(db, caller, id);
  await db.delete(cannedReplies).where(and(eq(cannedReplies.id, id)));
}
