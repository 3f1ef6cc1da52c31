import {
  disputeDecisionSchema,
  errorEnvelopeSchema,
  identityDisputeInputSchema,
  myIdentityDisputeSchema,
  staffIdentityDisputeSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { citizenOf, staffOf } from '../../plugins/caller';
import { ONE_DAY_MS, recentCitizenActions } from '../me/attempts';
import { requirePrivacyConsent } from '../me/consents';
import { decideDispute, fileDispute, listDisputes, myDisputes } from './disputes';

const errors = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema };
/** Each dispute suspends someone's verification: a claimant gets few, so that nobody can harass holders. */
const MAX_DISPUTES_PER_DAY = 3;

/** 身份申诉: citizens claim a taken ID number; staff of the reviewing station decide. */
const disputeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/me/identity-disputes',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['veterans'],
        summary: '身份申诉：身份证号码已被其他账号使用时，上传证件照片提出申诉',
        security: [{ bearerAuth: [] }],
        body: identityDisputeInputSchema,
        response: {
          201: z.object({ id: z.number().int() }),
          400: errorEnvelopeSchema,
          409: errorEnvelopeSchema,
          429: errorEnvelopeSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      await requirePrivacyConsent(app.db, user.id);
      if (
        (await recentCitizenActions(app.db, user.id, ['identity.dispute_filed'], ONE_DAY_MS)) >= MAX_DISPUTES_PER_DAY
      ) {
        throw new AppError('RATE_LIMITED', '今天提交申诉的次数过多，请明天再试或到服务站办理');
      }
      const id = await fileDispute(app.db, app.cipher, user.id, request.body);
      await request.audit({ action: 'identity.dispute_filed', targetType: 'identity_dispute', targetId: id });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/me/identity-disputes',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['veterans'],
        summary: '我提出的身份申诉及结果',
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ items: z.array(myIdentityDisputeSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await myDisputes(app.db, app.cipher, citizenOf(request).user.id) }),
  );

  app.get(
    '/staff/identity-disputes',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '待核实的身份申诉（本机构及下级）',
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ items: z.array(staffIdentityDisputeSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listDisputes(app.db, app.cipher, staffOf(request)) }),
  );

  app.post(
    '/staff/identity-disputes/:id',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '核实身份申诉：身份证号码归申诉人（移除原账号的实名信息）或归原账号',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: disputeDecisionSchema,
        response: { 200: staffIdentityDisputeSchema, 400: errorEnvelopeSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const decided = await decideDispute(app.db, app.cipher, staff, staff.id, request.params.id, request.body);
      await request.audit({
        action: 'identity.dispute_decided',
        targetType: 'identity_dispute',
        targetId: request.params.id,
        detail: {
          winner: request.body.winner,
          holderUserId: decided.holder.userId,
          claimantUserId: decided.claimant.userId,
        },
      });
      return decided;
    },
  );
};

export default disputeRoutes;
