import {
  applicantContactQuerySchema,
  applicantContactSchema,
  assignRequestBodySchema,
  errorEnvelopeSchema,
  pagedSchema,
  staffQueueItemSchema,
  staffQueueQuerySchema,
  staffRequestDetailQuerySchema,
  staffRequestDetailSchema,
  stageRequestBodySchema,
  transitionRequestBodySchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../plugins/caller';
import { beijingDate } from '../calendar/working-days';
import { applicantContact } from '../me/contact';
import { subtreeUnitIds } from '../org-units/scope';
import { requestForStaff } from './access';
import { staffDetail } from './details';
import { answeredSensitiveFields, fromStoredForm } from './form-data';
import { toQueueItem } from './presenters';
import { findUnit, listStaffQueue } from './queries';
import { assignRequest, depsOf, setCardStage, transitionRequest } from './service';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const changeErrors = { ...errors, 409: errorEnvelopeSchema };

/**
 * The staff workbench 工作台: the queue of the caller's unit and every unit below it, and the work on one
 * request. Staff and admins only (citizens and lawyers: 403); a request outside the caller's subtree is
 * 404 REQUEST_NOT_FOUND on every route, so its existence does not leak.
 */
const staffRequestsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = depsOf(app);

  app.get(
    '/staff/requests',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '办件队列（本单位及下级单位），按承诺办结日期排序',
        description:
          'q：办件编号（完整或开头部分），或申请人/退役军人的完整姓名（姓名加密存储，只支持完全一致的查询）。' +
          'overdue=true：已超过承诺办结日期且未办结。assignee：me、none 或工作人员编号。',
        security,
        querystring: staffQueueQuerySchema,
        response: { 200: pagedSchema(staffQueueItemSchema), ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const now = new Date();
      const query = request.query;
      const street = query.streetUnitId === undefined ? null : await findUnit(app.db, query.streetUnitId);
      const { rows, total } = await listStaffQueue(
        app.db,
        query,
        {
          scopeUnitIds: await subtreeUnitIds(app.db, caller.unitPath),
          staffId: caller.id,
          today: beijingDate(now),
          streetPath: street?.path ?? null,
        },
        app.cipher,
      );
      return {
        items: rows.map((row) => toQueueItem(row, app.cipher, now)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );

  app.get(
    '/staff/requests/:id',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '办件详情（敏感信息默认不显示；reveal=sensitive 查看并记录审计日志）',
        security,
        params: idParams,
        querystring: staffRequestDetailQuerySchema,
        response: { 200: staffRequestDetailSchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const row = await requestForStaff(app.db, request.params.id, caller);
      const reveal = request.query.reveal === 'sensitive';
      if (reveal) {
        await request.audit({
          action: 'request.view_sensitive',
          targetType: 'service_request',
          targetId: row.id,
          detail: { fields: answeredSensitiveFields(row.serviceCode, fromStoredForm(row, app.cipher)) },
        });
      }
      return staffDetail(deps, row, caller, reveal);
    },
  );

  app.get(
    '/staff/requests/:id/applicant-contact',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '申请人的联系电话（默认脱敏；reveal=phone 显示完整号码并记入审计日志）',
        security,
        params: idParams,
        querystring: applicantContactQuerySchema,
        response: { 200: applicantContactSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await requestForStaff(app.db, request.params.id, staffOf(request));
      const revealed = request.query.reveal === 'phone';
      const contact = await applicantContact(app.db, app.cipher, row.applicantUserId, revealed);
      if (revealed) {
        await request.audit({ action: 'request.view_phone', targetType: 'service_request', targetId: row.id });
        reply.header('cache-control', 'no-store');
      }
      return contact;
    },
  );

  app.post(
    '/staff/requests/:id/transition',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '办理：受理、开始办理、退回补正、不予受理、办结',
        description:
          '退回补正和不予受理须填写 reason；诉求反映办结须填写 resolutionNote。' +
          '当前状态不允许：409 INVALID_TRANSITION；申请人的操作：403 FORBIDDEN。',
        security,
        params: idParams,
        body: transitionRequestBodySchema,
        response: { 200: staffRequestDetailSchema, ...changeErrors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const row = await requestForStaff(app.db, request.params.id, caller);
      const result = await transitionRequest(deps, caller, row.id, request.body);
      await request.audit({
        action: 'request.transition',
        targetType: 'service_request',
        targetId: row.id,
        detail: { action: request.body.action, from: result.from, to: result.to, eventId: result.eventId },
      });
      return staffDetail(deps, await requestForStaff(app.db, row.id, caller), caller, false);
    },
  );

  app.post(
    '/staff/requests/:id/stage',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '优待证制证进度：制证中 → 待领取（须填写领取地点）→ 已领取',
        security,
        params: idParams,
        body: stageRequestBodySchema,
        response: { 200: staffRequestDetailSchema, ...changeErrors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const row = await requestForStaff(app.db, request.params.id, caller);
      const result = await setCardStage(deps, caller, row.id, request.body);
      await request.audit({
        action: 'request.stage',
        targetType: 'service_request',
        targetId: row.id,
        detail: { from: result.from, to: request.body.stage, eventId: result.eventId },
      });
      return staffDetail(deps, await requestForStaff(app.db, row.id, caller), caller, false);
    },
  );

  app.post(
    '/staff/requests/:id/assign',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '指派承办人（staffId 为 null 取消指派）',
        security,
        params: idParams,
        body: assignRequestBodySchema,
        response: { 200: staffRequestDetailSchema, ...changeErrors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const row = await requestForStaff(app.db, request.params.id, caller);
      const result = await assignRequest(deps, caller, row, request.body.staffId);
      await request.audit({
        action: 'request.assign',
        targetType: 'service_request',
        targetId: row.id,
        detail: { from: result.previous, to: result.assignee?.id ?? null },
      });
      return staffDetail(deps, await requestForStaff(app.db, row.id, caller), caller, false);
    },
  );
};

export default staffRequestsRoutes;
