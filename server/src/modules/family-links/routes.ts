import {
  errorEnvelopeSchema,
  familyLinkRequestSchema,
  familyLinkSchema,
  familyLinkStatusSchema,
  pagedSchema,
  pageOffset,
  pageQuerySchema,
  staffFamilyLinkDecisionSchema,
  staffFamilyLinkSchema,
} from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { citizenOf, staffOf } from '../../plugins/caller';
import { hasIdentity } from '../me/citizen';
import type { LinkAction } from './rules';
import {
  actOnMyLink,
  type DecidedLink,
  listLinksForStaff,
  listMyLinks,
  MISMATCH_AUDIT_ACTION,
  requestLink,
  staffConfirmLink,
} from './service';

const linkParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

const AUDIT_ACTIONS: Record<LinkAction, string> = {
  confirm: 'family_link.confirmed',
  reject: 'family_link.rejected',
  end: 'family_link.ended',
};

/**
 * Family ↔ veteran links 家属关联. A family member asks (the veteran's name and ID number must match a signed-up
 * veteran); the veteran confirms or rejects, or staff responsible for the veteran confirm; either side ends it.
 * Links of other people answer 404, so their existence does not leak.
 */
const familyLinksRoutes: FastifyPluginAsyncZod = async (app) => {
  async function myLink(userId: number, linkId: number) {
    const link = (await listMyLinks(app.db, app.cipher, userId)).find((item) => item.id === linkId);
    if (!link) throw new AppError('NOT_FOUND', '家属关联不存在');
    return link;
  }

  app.post(
    '/me/family-links',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['family-links'],
        summary: '申请关联退役军人（家属）',
        security: [{ bearerAuth: [] }],
        body: familyLinkRequestSchema,
        response: { 201: familyLinkSchema, 409: errorEnvelopeSchema, 429: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      if (!hasIdentity(user) || !user.idNumberHash) throw new AppError('IDENTITY_REQUIRED');
      const outcome = await requestLink(
        app.db,
        app.cipher,
        { id: user.id, idNumberHash: user.idNumberHash },
        request.body,
      );
      if (outcome.outcome === 'mismatch') {
        await request.audit({ action: MISMATCH_AUDIT_ACTION, targetType: 'family_link' });
        throw new AppError('IDENTITY_MISMATCH');
      }
      await request.audit({
        action: 'family_link.requested',
        targetType: 'family_link',
        targetId: outcome.linkId,
        detail: { veteranUserId: outcome.veteranUserId, relationship: request.body.relationship },
      });
      return reply.status(201).send(await myLink(user.id, outcome.linkId));
    },
  );

  app.get(
    '/me/family-links',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['family-links'],
        summary: '我的家属关联（作为家属或退役军人）',
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ items: z.array(familyLinkSchema) }), ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      return { items: await listMyLinks(app.db, app.cipher, user.id) };
    },
  );

  const actions: { action: LinkAction; summary: string }[] = [
    { action: 'confirm', summary: '确认家属关联（退役军人本人）' },
    { action: 'reject', summary: '拒绝家属关联（退役军人本人）' },
    { action: 'end', summary: '解除家属关联（任一方）' },
  ];
  for (const { action, summary } of actions) {
    app.post(
      `/me/family-links/:id/${action}`,
      {
        onRequest: app.requireAbility('services.use'),
        schema: {
          tags: ['family-links'],
          summary,
          security: [{ bearerAuth: [] }],
          params: linkParams,
          response: { 200: familyLinkSchema, 409: errorEnvelopeSchema, ...errors },
        },
      },
      async (request) => {
        const user = citizenOf(request).user;
        const decided = await actOnMyLink(app.db, user.id, request.params.id, action);
        await auditDecision(request, action, decided);
        return myLink(user.id, decided.id);
      },
    );
  }

  app.get(
    '/staff/family-links',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['family-links'],
        summary: '辖区内的家属关联（默认待确认）',
        security: [{ bearerAuth: [] }],
        querystring: pageQuerySchema.extend({ status: familyLinkStatusSchema.default('pending') }),
        response: { 200: pagedSchema(staffFamilyLinkSchema), ...errors },
      },
    },
    async (request) => {
      const { page, pageSize, status } = request.query;
      const { items, total } = await listLinksForStaff(app.db, app.cipher, staffOf(request), status, {
        limit: pageSize,
        offset: pageOffset({ page, pageSize }),
      });
      return { items, total, page, pageSize };
    },
  );

  app.post(
    '/staff/family-links/:id/confirm',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['family-links'],
        summary: '工作人员确认家属关联',
        security: [{ bearerAuth: [] }],
        params: linkParams,
        response: {
          200: staffFamilyLinkDecisionSchema,
          409: errorEnvelopeSchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const decided = await staffConfirmLink(app.db, staff, staff.id, request.params.id);
      await auditDecision(request, 'confirm', decided);
      return { id: decided.id, status: decided.to };
    },
  );

  async function auditDecision(request: FastifyRequest, action: LinkAction, decided: DecidedLink): Promise<void> {
    await request.audit({
      action: AUDIT_ACTIONS[action],
      targetType: 'family_link',
      targetId: decided.id,
      detail: { by: decided.side, from: decided.from, to: decided.to },
    });
  }
};

export default familyLinksRoutes;
