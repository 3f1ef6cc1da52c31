import {
  errorEnvelopeSchema,
  followUpCloseBodySchema,
  followUpSchema,
  followUpStatusSchema,
  pagedSchema,
  pageOffset,
  pageQuerySchema,
  ratingBodySchema,
  ratingViewSchema,
  requestRatingSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf, citizenOf, staffOf } from '../../plugins/caller';
import { requestForCaller, requestForCitizen } from '../requests/access';
import { closeFollowUp, listFollowUps } from './follow-ups';
import { rateRequest, requestRating } from './service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/** 好差评 after completion, and the supervisor follow-ups 回访整改 that a bad rating opens. */
const ratingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/requests/:id/rating',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '评价办件（好差评）',
        description: '仅申请人、仅在办结后、仅一次。“不满意”“非常不满意”会生成回访整改任务。',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: ratingBodySchema,
        response: { 201: ratingViewSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      const serviceRequest = await requestForCitizen(app.db, request.params.id, user.id);
      const { rating } = await rateRequest(app.db, serviceRequest, user.id, request.body);
      return reply.status(201).send(rating);
    },
  );

  app.get(
    '/requests/:id/rating',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['requests'],
        summary: '办件评价',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 200: requestRatingSchema, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const row = await requestForCaller(app.db, caller, request.params.id);
      return requestRating(app.db, row, caller.type === 'citizen' ? caller.id : null);
    },
  );

  app.get(
    '/staff/follow-ups',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '差评回访整改（本机构及下级）',
        security: [{ bearerAuth: [] }],
        querystring: pageQuerySchema.extend({ status: followUpStatusSchema.default('open') }),
        response: { 200: pagedSchema(followUpSchema), ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const { page, pageSize, status } = request.query;
      const { items, total } = await listFollowUps(app.db, caller, status, {
        limit: pageSize,
        offset: pageOffset({ page, pageSize }),
      });
      return { items, total, page, pageSize };
    },
  );

  app.post(
    '/staff/follow-ups/:id/close',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '关闭回访整改（分管负责人，需填写整改情况）',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: followUpCloseBodySchema,
        response: { 200: followUpSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const closed = await closeFollowUp(app.db, caller, request.params.id, request.body.note);
      await request.audit({
        action: 'follow_up.close',
        targetType: 'rating_follow_up',
        targetId: closed.id,
        detail: { requestId: closed.requestId, unitId: closed.unitId },
      });
      return closed;
    },
  );
};

export default ratingsRoutes;
