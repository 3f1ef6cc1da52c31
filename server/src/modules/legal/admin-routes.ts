import {
  closureInputSchema,
  errorEnvelopeSchema,
  legalClosureListQuerySchema,
  legalClosureResultSchema,
  legalClosureSchema,
  scheduleEffectSchema,
  scheduleRuleInputSchema,
  scheduleRuleResultSchema,
  scheduleRuleSchema,
} from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../plugins/caller';
import {
  createClosure,
  createRule,
  deactivateRule,
  deleteClosure,
  listClosures,
  listRules,
  type RuleChange,
  toClosureView,
  toRuleView,
  updateRule,
} from './admin';
import { legalClock } from './clock';
import type { RuleRow } from './context';
import { beijingDate } from './time';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/** What changed in a rule, for the audit log (no personal data in rules). */
function ruleDiff(before: RuleRow | null, after: RuleRow): Record<string, unknown> {
  if (!before) return { created: toRuleView(after) };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  const a = toRuleView(before) as Record<string, unknown>;
  const b = toRuleView(after) as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed[key] = { from: a[key], to: b[key] };
  }
  return { changed };
}

/**
 * Schedule administration 排班设置 under /admin/legal: rules (weekday, hours, place, slot length, capacity, how far
 * ahead, cutoffs) and extra closures. Every change re-publishes the slots at once and never drops a booking:
 * affected bookings are listed for staff (GET /staff/legal/impacts) and their holders notified. Audited.
 */
const legalAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  // The consultation is held at the district centre: its schedule is set by an admin of the district centre.
  app.addHook('onRequest', app.requireAbility('legal.schedule'));

  const changeResult = async (request: FastifyRequest, action: string, change: RuleChange) => {
    await request.audit({
      action,
      targetType: 'legal_rule',
      targetId: change.rule.id,
      detail: { ...ruleDiff(change.before, change.rule), effect: change.effect },
    });
    return { rule: toRuleView(change.rule), effect: change.effect };
  };

  app.get(
    '/legal/rules',
    {
      schema: {
        tags: ['admin'],
        summary: '法律咨询排班规则',
        security,
        response: { 200: z.object({ items: z.array(scheduleRuleSchema) }), ...errors },
      },
    },
    async (_request) => {
      return { items: await listRules(app.db) };
    },
  );

  app.post(
    '/legal/rules',
    {
      schema: {
        tags: ['admin'],
        summary: '新增排班规则（立即发布时段）',
        security,
        body: scheduleRuleInputSchema,
        response: { 201: scheduleRuleResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const change = await createRule(app.db, app.cipher, request.body, legalClock.now());
      return reply.status(201).send(await changeResult(request, 'legal.rule_created', change));
    },
  );

  app.patch(
    '/legal/rules/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '修改排班规则（整体替换）',
        description:
          '已发布的未来时段随之调整：不再符合规则的时段停诊，名额、地点随规则变化；已有预约保留并列入待处理清单，预约人收到通知。',
        security,
        params: idParams,
        body: scheduleRuleInputSchema,
        response: { 200: scheduleRuleResultSchema, ...errors },
      },
    },
    async (request) => {
      const change = await updateRule(app.db, app.cipher, request.params.id, request.body, legalClock.now());
      return changeResult(request, 'legal.rule_updated', change);
    },
  );

  app.delete(
    '/legal/rules/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '停用排班规则',
        description: '未来时段停诊；已有预约保留并列入待处理清单，预约人收到通知。',
        security,
        params: idParams,
        response: { 200: scheduleRuleResultSchema, ...errors },
      },
    },
    async (request) => {
      const change = await deactivateRule(app.db, app.cipher, request.params.id, legalClock.now());
      return changeResult(request, 'legal.rule_deactivated', change);
    },
  );

  app.get(
    '/legal/closures',
    {
      schema: {
        tags: ['admin'],
        summary: '停诊安排（节假日以外的临时停诊）',
        security,
        querystring: legalClosureListQuerySchema,
        response: { 200: z.object({ items: z.array(legalClosureSchema) }), ...errors },
      },
    },
    async (request) => {
      const from = request.query.from ?? beijingDate(legalClock.now());
      return { items: await listClosures(app.db, from) };
    },
  );

  app.post(
    '/legal/closures',
    {
      schema: {
        tags: ['admin'],
        summary: '新增停诊（整天或某个时间段）',
        description: '受影响时段停诊并向用户显示原因；已有预约保留并列入待处理清单，预约人收到通知。',
        security,
        body: closureInputSchema,
        response: { 201: legalClosureResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      const { closure, effect } = await createClosure(app.db, app.cipher, request.body, caller.id, legalClock.now());
      await request.audit({
        action: 'legal.closure_created',
        targetType: 'legal_closure',
        targetId: closure.id,
        detail: { closure: toClosureView(closure), effect },
      });
      return reply.status(201).send({ closure: toClosureView(closure), effect });
    },
  );

  app.delete(
    '/legal/closures/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '取消停诊（时段恢复开放）',
        security,
        params: idParams,
        response: { 200: z.object({ effect: scheduleEffectSchema }), ...errors },
      },
    },
    async (request) => {
      const { closure, effect } = await deleteClosure(app.db, app.cipher, request.params.id, legalClock.now());
      await request.audit({
        action: 'legal.closure_removed',
        targetType: 'legal_closure',
        targetId: closure.id,
        detail: { closure: toClosureView(closure), effect },
      });
      return { effect };
    },
  );
};

export default legalAdminRoutes;
