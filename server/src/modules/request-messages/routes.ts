import {
  cannedReplyBodySchema,
  cannedReplyPatchSchema,
  cannedReplySchema,
  errorEnvelopeSchema,
  requestMessageBodySchema,
  requestMessageSchema,
} from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { callerOf, staffOf } from '../../plugins/caller';
import { citizenView, requestForCaller } from '../requests/access';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from './canned-replies';
import { listMessages, postMessage, type RequestParty } from './service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/**
 * The conversation of a request 留言与回复 and staff canned replies 常用回复. Public messages are seen by the
 * applicant side and staff; internal notes 内部备注 only by staff.
 */
const requestMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The caller and the request, when the caller may take part in its thread (`citizenView` for family). */
  async function threadParty(request: FastifyRequest, requestId: number): Promise<RequestParty> {
    const caller = callerOf(request);
    const row = await requestForCaller(app.db, caller, requestId);
    if (caller.type === 'citizen' && !citizenView(row, caller.id).thread) throw new AppError('REQUEST_NOT_FOUND');
    return { type: caller.type, id: caller.id, request: row };
  }

  app.post(
    '/requests/:id/messages',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['requests'],
        summary: '留言 / 回复 / 内部备注',
        description: '申请人（及家属）只能发公开留言；工作人员可发公开回复（通知申请人）或内部备注（申请人不可见）。',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: requestMessageBodySchema,
        response: { 201: requestMessageSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const party = await threadParty(request, request.params.id);
      const internal = request.body.internal ?? false;
      const messageId = await postMessage(app.db, app.cipher, party, { body: request.body.body, internal });
      if (party.type === 'staff') {
        await request.audit({
          action: internal ? 'request.internal_note' : 'request.reply',
          targetType: 'service_request',
          targetId: party.request.id,
          detail: { messageId },
        });
      }
      const [message] = await listMessages(app.db, app.cipher, party, messageId);
      if (!message) throw new AppError('NOT_FOUND');
      return reply.status(201).send(message);
    },
  );

  app.get(
    '/requests/:id/messages',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['requests'],
        summary: '办件留言记录',
        description: '申请人只看到公开留言；工作人员看到全部，内部备注标记 internal。',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 200: z.object({ items: z.array(requestMessageSchema) }), ...errors },
      },
    },
    async (request) => {
      const party = await threadParty(request, request.params.id);
      return { items: await listMessages(app.db, app.cipher, party) };
    },
  );

  app.get(
    '/staff/canned-replies',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '常用回复（本机构、上级机构及全区通用）',
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ items: z.array(cannedReplySchema) }), ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      return { items: await listCannedReplies(app.db, caller) };
    },
  );

  app.post(
    '/staff/canned-replies',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '添加常用回复',
        description: 'unitId 省略为本机构；为 null 表示全区通用（仅区服务中心）；也可指定下级机构。',
        security: [{ bearerAuth: [] }],
        body: cannedReplyBodySchema,
        response: { 201: cannedReplySchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      const created = await createCannedReply(app.db, caller, request.body);
      await request.audit({
        action: 'canned_reply.create',
        targetType: 'canned_reply',
        targetId: created.id,
        detail: { unitId: created.unitId },
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/staff/canned-replies/:id',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '修改常用回复',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: cannedReplyPatchSchema,
        response: { 200: cannedReplySchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const updated = await updateCannedReply(app.db, caller, request.params.id, request.body);
      await request.audit({ action: 'canned_reply.update', targetType: 'canned_reply', targetId: updated.id });
      return updated;
    },
  );

  app.delete(
    '/staff/canned-replies/:id',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['requests'],
        summary: '删除常用回复',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const caller = staffOf(request);
      await deleteCannedReply(app.db, caller, request.params.id);
      await request.audit({ action: 'canned_reply.delete', targetType: 'canned_reply', targetId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};

export default requestMessagesRoutes;
