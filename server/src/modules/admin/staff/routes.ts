import {
  createStaffBodySchema,
  errorEnvelopeSchema,
  pagedSchema,
  resetStaffPasswordBodySchema,
  type StaffAccount,
  staffAccountSchema,
  staffListQuerySchema,
  updateStaffBodySchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../../db/client';
import { orgUnits, staffAccounts } from '../../../db/schema/index';
import { inTransaction } from '../../../db/transaction';
import { AppError } from '../../../lib/app-error';
import { mysqlErrorCode } from '../../../lib/database-errors';
import { hashPassword } from '../../../lib/passwords';
import { type StaffCaller, staffOf } from '../../../plugins/caller';
import { revokeAllSessions } from '../../auth/sessions';
import { forgetSignInFailures, signInNameHash } from '../../auth/staff';
import { assertInScope, inScope } from '../../org-units/scope';
import { findStaff, listStaff, presentStaff, type StaffRow } from './queries';
import {
  changesEndSessions,
  decideSelfEdit,
  type StaffTarget,
  staffAuditAction,
  staffAuditDetail,
  staffChanges,
} from './rules';

const security = [{ bearerAuth: [] }];
const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };
const withConflicts = { ...errors, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema };
const idParams = z.object({ id: z.coerce.number().int().positive() });

type Executor = Pick<Database, 'select'>;

/**
 * A unit named in a body or query: 404 when it does not exist, 403 OUT_OF_SCOPE when it is outside the
 * admin's subtree, 409 when it is deactivated and `mustBeActive`. `lock` locks the unit row (FOR UPDATE; MariaDB has no FOR SHARE) so that the
 * unit cannot be deactivated while an account is put into it.
 */
async function referencedUnit(
  db: Executor,
  caller: StaffCaller,
  unitId: number,
  { mustBeActive = false, lock = false } = {},
): Promise<{ id: number; active: boolean }> {
  const query = db
    .select({ id: orgUnits.id, path: orgUnits.path, active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  const [unit] = lock ? await query.for('update') : await query;
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  assertInScope(caller, unit.path);
  if (mustBeActive && !unit.active) throw new AppError('CONFLICT', '该机构已停用，不能在其中启用工作人员账号');
  return unit;
}

/** A staff account addressed by id: 404 NOT_FOUND when absent or outside the admin's subtree (the same answer). */
async function staffInScope(db: Executor, caller: StaffCaller, id: number, lock = false): Promise<StaffRow> {
  const row = await findStaff(db, id, lock);
  if (!row || !inScope(caller, row.unitPath)) throw new AppError('NOT_FOUND', '工作人员账号不存在');
  return row;
}

/** Staff accounts 人员账号: an admin manages the accounts of their own unit and every unit below it. */
const adminStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireAbility('staff.administer'));

  /** Accounts as admins see them: with the sign-in lock in force on each (auth/sign-in-lock.ts). */
  const present = (rows: readonly StaffRow[]) =>
    presentStaff(app.db, (username) => signInNameHash(app, username), rows);
  const presentOne = async (row: StaffRow): Promise<StaffAccount> => (await present([row]))[0] as StaffAccount;

  app.get(
    '/staff',
    {
      schema: {
        tags: ['admin'],
        summary: '工作人员账号列表',
        security,
        querystring: staffListQuerySchema,
        response: { 200: pagedSchema(staffAccountSchema), ...withConflicts },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const query = request.query;
      if (query.unitId !== undefined) await referencedUnit(app.db, caller, query.unitId);
      const { rows, total } = await listStaff(app.db, caller.unitPath, query);
      return { items: await present(rows), total, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/staff/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '工作人员账号详情',
        security,
        params: idParams,
        response: { 200: staffAccountSchema, ...errors, 404: errorEnvelopeSchema },
      },
    },
    async (request) => presentOne(await staffInScope(app.db, staffOf(request), request.params.id)),
  );

  app.post(
    '/staff',
    {
      schema: {
        tags: ['admin'],
        summary: '新建工作人员账号',
        description: '密码为临时密码，须符合密码规则；账号首次登录必须修改密码。',
        security,
        body: createStaffBodySchema,
        response: { 201: staffAccountSchema, ...withConflicts },
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      const body = request.body;
      // Checked before the (deliberately slow) hash, so a wrong unit or a taken name answers at once.
      await referencedUnit(app.db, caller, body.unitId, { mustBeActive: true });
      const [taken] = await app.db
        .select({ id: staffAccounts.id })
        .from(staffAccounts)
        .where(eq(staffAccounts.username, body.username));
      if (taken) throw new AppError('USERNAME_TAKEN');
      const passwordHash = await hashPassword(body.password);
      const id = await inTransaction(app.db, async (tx) => {
        await referencedUnit(tx, caller, body.unitId, { mustBeActive: true, lock: true });
        const [result] = await tx.insert(staffAccounts).values({
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          role: body.role,
          unitId: body.unitId,
          isSupervisor: body.isSupervisor,
          active: true,
          mustChangePassword: true,
        });
        return result.insertId;
      }).catch((error: unknown) => {
        if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('USERNAME_TAKEN');
        throw error;
      });
      const account = await staffInScope(app.db, caller, id);
      await request.audit({
        action: 'staff.create',
        targetType: 'staff',
        targetId: id,
        detail: {
          fields: ['username', 'displayName', 'role', 'unitId', 'isSupervisor', 'password'],
          role: account.role,
          unitId: account.unitId,
          isSupervisor: account.isSupervisor,
        },
      });
      return reply.status(201).send(await presentOne(account));
    },
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '修改工作人员账号（姓名、角色、所属机构、启用/停用、主管）',
        description:
          '停用、改角色或改机构会让该账号在所有设备上退出登录。管理员不能停用、降级或调走自己的账号。新机构须在管辖范围内。',
        security,
        params: idParams,
        body: updateStaffBodySchema,
        response: { 200: staffAccountSchema, ...withConflicts },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const outcome = await inTransaction(app.db, async (tx) => {
        const row = await staffInScope(tx, caller, request.params.id, true);
        const target: StaffTarget = row;
        const changes = staffChanges(target, request.body);
        const refusal = decideSelfEdit(caller.id, target.id, changes);
        if (refusal) throw new AppError('FORBIDDEN', refusal);
        const unitId = changes.unitId ?? target.unitId;
        const active = changes.active ?? target.active;
        if (changes.unitId !== undefined) {
          await referencedUnit(tx, caller, changes.unitId, { mustBeActive: active, lock: true });
        } else if (changes.active === true) {
          const unit = await referencedUnit(tx, caller, unitId, { lock: true });
          if (!unit.active) throw new AppError('CONFLICT', '所属机构已停用，请先启用该机构或将账号调到其他机构');
        }
        if (Object.keys(changes).length === 0) return null;
        await tx.update(staffAccounts).set(changes).where(eq(staffAccounts.id, target.id));
        const revokedSessions = changesEndSessions(changes) ? await revokeAllSessions(tx, 'staff', target.id) : 0;
        return { target, changes, revokedSessions };
      });
      const account = await staffInScope(app.db, caller, request.params.id);
      if (outcome) {
        await request.audit({
          action: staffAuditAction(outcome.changes),
          targetType: 'staff',
          targetId: account.id,
          detail: { ...staffAuditDetail(outcome.target, outcome.changes), revokedSessions: outcome.revokedSessions },
        });
      }
      return presentOne(account);
    },
  );

  app.post(
    '/staff/:id/reset-password',
    {
      schema: {
        tags: ['admin'],
        summary: '重置工作人员密码',
        description:
          '设置新的临时密码：下次登录必须修改；解除因密码错误造成的锁定；该账号在所有设备上退出登录。不能重置自己的密码（请使用修改密码）。',
        security,
        params: idParams,
        body: resetStaffPasswordBodySchema,
        response: { 200: staffAccountSchema, ...errors, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const id = request.params.id;
      const target = await staffInScope(app.db, caller, id);
      if (id === caller.id) throw new AppError('FORBIDDEN', '不能重置自己的密码，请使用“修改密码”');
      const passwordHash = await hashPassword(request.body.password);
      const revokedSessions = await inTransaction(app.db, async (tx) => {
        await staffInScope(tx, caller, id, true);
        const now = new Date();
        await tx
          .update(staffAccounts)
          .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, passwordChangedAt: now })
          .where(eq(staffAccounts.id, id));
        return revokeAllSessions(tx, 'staff', id, now);
      });
      await forgetSignInFailures(app, target.username);
      await request.audit({
        action: 'staff.reset_password',
        targetType: 'staff',
        targetId: id,
        detail: { fields: ['password', 'mustChangePassword', 'failedAttempts', 'lockedUntil'], revokedSessions },
      });
      return presentOne(await staffInScope(app.db, caller, id));
    },
  );

  app.post(
    '/staff/:id/unlock',
    {
      schema: {
        tags: ['admin'],
        summary: '解除工作人员账号的登录锁定',
        description:
          '清除该账号因密码错误累计的失败次数和锁定（所有地址），本人即可用原密码再次登录；不改密码，也不让任何会话退出。不能解除自己账号的锁定（请由其他管理员操作）。',
        security,
        params: idParams,
        response: { 200: staffAccountSchema, ...errors, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const id = request.params.id;
      const target = await staffInScope(app.db, caller, id);
      // Not one's own: a stolen session must not reset the count of guesses at its owner's current password.
      if (id === caller.id) throw new AppError('FORBIDDEN', '不能解除自己账号的锁定，请由其他管理员操作');
      const before = await presentOne(target);
      await app.db.update(staffAccounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffAccounts.id, id));
      const clearedCounters = await forgetSignInFailures(app, target.username);
      await request.audit({
        action: 'staff.unlock',
        targetType: 'staff',
        targetId: id,
        detail: { fields: ['failedAttempts', 'lockedUntil'], lockedUntil: before.lockedUntil, clearedCounters },
      });
      return presentOne(await staffInScope(app.db, caller, id));
    },
  );
};

export default adminStaffRoutes;
