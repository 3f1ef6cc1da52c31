import {
  type AdminOrgUnit,
  adminOrgUnitSchema,
  createOrgUnitBodySchema,
  errorEnvelopeSchema,
  updateOrgUnitBodySchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgUnits } from '../../../db/schema/index';
import { inTransaction } from '../../../db/transaction';
import { AppError } from '../../../lib/app-error';
import { mysqlErrorCode } from '../../../lib/database-errors';
import { staffOf } from '../../../plugins/caller';
import { assertInScope, inScope } from '../../org-units/scope';
import { activeDependants, adminUnitColumns, findUnit, listUnitsInScope } from './queries';
import { decideUnitActivation, decideUnitPlacement, type UnitProblem, unitPathFor } from './rules';

const security = [{ bearerAuth: [] }];
const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };

function problemError(problem: UnitProblem): AppError {
  return new AppError(
    problem.code,
    problem.message,
    problem.field ? [{ path: `body.${problem.field}`, message: problem.message }] : undefined,
  );
}

/** Org units 机构管理: an admin manages their own unit and every unit below it. */
const adminOrgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireAbility('units.administer'));

  app.get(
    '/org-units',
    {
      schema: {
        tags: ['admin'],
        summary: '机构列表（含已停用，树形顺序）',
        security,
        response: { 200: z.object({ items: z.array(adminOrgUnitSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listUnitsInScope(app.db, staffOf(request).unitPath) }),
  );

  app.post(
    '/org-units',
    {
      schema: {
        tags: ['admin'],
        summary: '新建机构',
        description: '级别必须恰好比上级低一级（区中心 → 街道服务站 → 社区服务站）；编码唯一。',
        security,
        body: createOrgUnitBodySchema,
        response: { 201: adminOrgUnitSchema, ...errors, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      const body = request.body;
      const created = await inTransaction(app.db, async (tx) => {
        let parentPath: string | null = null;
        let parent: { level: AdminOrgUnit['level']; active: boolean } | null = null;
        if (body.parentId !== null) {
          // Locks the parent so that it cannot be deactivated while a child is being added.
          const [row] = await tx
            .select(adminUnitColumns)
            .from(orgUnits)
            .where(eq(orgUnits.id, body.parentId))
            .for('update');
          if (!row) throw new AppError('UNIT_NOT_FOUND', '上级机构不存在');
          assertInScope(caller, row.path);
          parent = row;
          parentPath = row.path;
        }
        const [district] = await tx
          .select({ id: orgUnits.id })
          .from(orgUnits)
          .where(eq(orgUnits.level, 'district'))
          .limit(1);
        const problem = decideUnitPlacement({ level: body.level, parent, districtExists: district !== undefined });
        if (problem) throw problemError(problem);
        const [taken] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, body.code));
        if (taken) throw new AppError('UNIT_CODE_TAKEN');
        const [result] = await tx.insert(orgUnits).values({
          code: body.code,
          name: body.name,
          level: body.level,
          parentId: body.parentId,
          path: unitPathFor(parentPath, body.code),
          address: body.address || null,
          phone: body.phone || null,
          latitude: body.location?.latitude ?? null,
          longitude: body.location?.longitude ?? null,
          openingHours: body.openingHours || null,
        });
        return result.insertId;
      }).catch((error: unknown) => {
        if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('UNIT_CODE_TAKEN');
        throw error;
      });
      const unit = await findUnit(app.db, created);
      if (!unit) throw new AppError('INTERNAL_ERROR');
      await request.audit({
        action: 'org_unit.create',
        targetType: 'org_unit',
        targetId: unit.id,
        detail: { code: unit.code, level: unit.level, parentId: unit.parentId },
      });
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/org-units/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '修改机构（名称、地址、电话、办公时间、启用/停用）',
        description:
          '不能调整上级。停用前须先停用全部下级机构，停用或调走本机构的工作人员账号，并办结本机构未办结的办件。',
        security,
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: updateOrgUnitBodySchema,
        response: { 200: adminOrgUnitSchema, ...errors, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const body = request.body;
      const changed = await inTransaction(app.db, async (tx) => {
        const [unit] = await tx
          .select(adminUnitColumns)
          .from(orgUnits)
          .where(eq(orgUnits.id, request.params.id))
          .for('update');
        // Out of scope looks exactly like absent: an admin learns nothing about other subtrees.
        if (!unit || !inScope(caller, unit.path)) throw new AppError('UNIT_NOT_FOUND');

        const set: Partial<
          Pick<AdminOrgUnit, 'name' | 'address' | 'phone' | 'openingHours' | 'latitude' | 'longitude' | 'active'>
        > = {};
        if (body.name !== undefined && body.name !== unit.name) set.name = body.name;
        if (body.address !== undefined && (body.address || null) !== unit.address) set.address = body.address || null;
        if (body.phone !== undefined && (body.phone || null) !== unit.phone) set.phone = body.phone || null;
        if (body.openingHours !== undefined && (body.openingHours || null) !== unit.openingHours)
          set.openingHours = body.openingHours || null;
        if (
          body.location !== undefined &&
          (body.location?.latitude !== (unit.latitude ?? undefined) ||
            body.location?.longitude !== (unit.longitude ?? undefined))
        ) {
          set.latitude = body.location?.latitude ?? null;
          set.longitude = body.location?.longitude ?? null;
        }
        if (body.active !== undefined && body.active !== unit.active) {
          const dependants = body.active
            ? { children: 0, staff: 0, openRequests: 0 }
            : await activeDependants(tx, unit.id);
          const [parent] =
            unit.parentId === null
              ? []
              : await tx
                  .select({ active: orgUnits.active })
                  .from(orgUnits)
                  .where(eq(orgUnits.id, unit.parentId))
                  .for('update');
          const problem = decideUnitActivation({
            active: body.active,
            currentlyActive: unit.active,
            activeChildren: dependants.children,
            activeStaff: dependants.staff,
            openRequests: dependants.openRequests,
            parentActive: parent ? parent.active : null,
          });
          if (problem) throw problemError(problem);
          set.active = body.active;
        }
        const fields = Object.keys(set);
        if (fields.length > 0) await tx.update(orgUnits).set(set).where(eq(orgUnits.id, unit.id));
        return { fields, wasActive: unit.active };
      });
      const unit = await findUnit(app.db, request.params.id);
      if (!unit) throw new AppError('UNIT_NOT_FOUND');
      if (changed.fields.length > 0) {
        await request.audit({
          action: 'org_unit.update',
          targetType: 'org_unit',
          targetId: unit.id,
          detail: {
            fields: changed.fields,
            ...(changed.fields.includes('active') ? { active: { from: changed.wasActive, to: unit.active } } : {}),
          },
        });
      }
      return unit;
    },
  );
};

export default adminOrgUnitRoutes;
