import {
  createRequestBodySchema,
  errorEnvelopeSchema,
  idempotencyKeySchema,
  myRequestsQuerySchema,
  pagedSchema,
  pageOffset,
  requestDetailSchema,
  requestSummarySchema,
  updateRequestBodySchema,
  withdrawRequestBodySchema,
} from '@veterans/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../plugins/caller';
import { hasIdentity } from '../me/citizen';
import { requestForCitizen } from './access';
import { citizenDetail } from './details';
import { toSummary } from './presenters';
import { listCitizenRequests } from './queries';
import {
  type CitizenActor,
  createRequest,
  deleteDraft,
  depsOf,
  type Outcome,
  submitRequest,
  updateRequestForm,
  withdrawRequest,
} from './service';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const idempotencyHeaders = z.object({
  'idempotency-key': idempotencyKeySchema.optional().describe('retrying with the same key never acts twice'),
});
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const changeErrors = { ...errors, 409: errorEnvelopeSchema, 410: errorEnvelopeSchema, 422: errorEnvelopeSchema };

/**
 * My requests 我的办件 (veterans and family members): drafts, submit, supplement and resubmit, withdraw.
 * A request is visible to its applicant, its veteran and the veteran's actively linked family; anyone else
 * gets 404 REQUEST_NOT_FOUND. Only the applicant changes it.
 */
const requestsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = depsOf(app);

  async function citizen(request: FastifyRequest): Promise<CitizenActor> {
    const user = citizenOf(request).user;
    return { id: user.id, hasIdentity: hasIdentity(user) };
  }

  async function answer(reply: FastifyReply, outcome: Outcome, viewerId: number, createdStatus: 200 | 201) {
    const row = await requestForCitizen(app.db, outcome.requestId, viewerId);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(outcome.replayed ? 200 : createdStatus).send(await citizenDetail(deps, row, viewerId));
  }

  app.post(
    '/requests',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '新建办件（保存草稿，或 submit=true 直接提交）',
        description:
          '草稿保存 60 天（每次保存重新计算）。onBehalfOf 为已生效关联的退役军人用户编号（家属代办）。' +
          '含敏感个人信息的事项（困难帮扶）须先同意敏感个人信息处理规则。带 Idempotency-Key 重试不会重复创建。',
        security,
        headers: idempotencyHeaders,
        body: createRequestBodySchema,
        response: { 200: requestDetailSchema, 201: requestDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const actor = await citizen(request);
      const outcome = await createRequest(deps, actor, request.body, request.headers['idempotency-key']);
      return answer(reply, outcome, actor.id, 201);
    },
  );

  app.get(
    '/requests',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '我的办件（含代办和家属为我办理的）',
        security,
        querystring: myRequestsQuerySchema,
        response: { 200: pagedSchema(requestSummarySchema), ...errors },
      },
    },
    async (request) => {
      const actor = await citizen(request);
      const { status, page, pageSize } = request.query;
      const { rows, total } = await listCitizenRequests(app.db, actor.id, {
        status,
        offset: pageOffset({ page, pageSize }),
        limit: pageSize,
      });
      const now = new Date();
      return {
        items: rows.map((row) =>
          toSummary(
            row.request,
            actor.id,
            { subject: row.subjectNameCipher, applicant: row.applicantNameCipher },
            app.cipher,
            now,
          ),
        ),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/requests/:id',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '办件详情（含办理进度和下一步）',
        security,
        params: idParams,
        response: { 200: requestDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await citizen(request);
      const row = await requestForCitizen(app.db, request.params.id, actor.id);
      return citizenDetail(deps, row, actor.id);
    },
  );

  app.patch(
    '/requests/:id',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '保存填写内容（草稿，或待补正的办件）',
        description: 'formData 与已保存内容合并，值为 null 的字段被清除；replace=true 时整体替换。',
        security,
        params: idParams,
        body: updateRequestBodySchema,
        response: { 200: requestDetailSchema, ...changeErrors },
      },
    },
    async (request) => {
      const actor = await citizen(request);
      const row = await requestForCitizen(app.db, request.params.id, actor.id);
      await updateRequestForm(deps, actor, row, request.body);
      return citizenDetail(deps, await requestForCitizen(app.db, row.id, actor.id), actor.id);
    },
  );

  app.post(
    '/requests/:id/submit',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '提交（草稿）或补正后重新提交',
        description:
          '完整校验后分配办件编号、转交受理单位并计算承诺办结日期（工作日）。补正后重新提交保留原编号和原办结日期。' +
          '带 Idempotency-Key 重试返回同一办件（响应头 idempotent-replayed: true）。',
        security,
        headers: idempotencyHeaders,
        params: idParams,
        response: { 200: requestDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const actor = await citizen(request);
      const row = await requestForCitizen(app.db, request.params.id, actor.id);
      const outcome = await submitRequest(deps, actor, row, request.headers['idempotency-key']);
      return answer(reply, outcome, actor.id, 200);
    },
  );

  app.post(
    '/requests/:id/withdraw',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '撤回办件（办结前）',
        security,
        params: idParams,
        body: withdrawRequestBodySchema.optional(),
        response: { 200: requestDetailSchema, ...changeErrors },
      },
    },
    async (request) => {
      const actor = await citizen(request);
      const row = await requestForCitizen(app.db, request.params.id, actor.id);
      await withdrawRequest(deps, actor, row, request.body?.reason);
      return citizenDetail(deps, await requestForCitizen(app.db, row.id, actor.id), actor.id);
    },
  );

  app.delete(
    '/requests/:id',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '删除草稿',
        security,
        params: idParams,
        response: { 204: z.null(), ...changeErrors },
      },
    },
    async (request, reply) => {
      const actor = await citizen(request);
      const row = await requestForCitizen(app.db, request.params.id, actor.id);
      await deleteDraft(deps, actor, row);
      return reply.status(204).send(null);
    },
  );
};

export default requestsRoutes;
