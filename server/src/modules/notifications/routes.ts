import {
  errorEnvelopeSchema,
  notificationListQuerySchema,
  notificationPageSchema,
  notificationSchema,
  readAllResultSchema,
  subscriptionReportSchema,
  subscriptionsSchema,
  unreadCountSchema,
} from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { callerOf, citizenOf } from '../../plugins/caller';
import { listNotifications, markAllRead, markRead, unreadCount } from './inbox';
import type { Recipient } from './notify';
import { addGrants, subscriptionState } from './subscriptions';
import { templateSettings } from './templates';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema]));

/** 消息: the caller's own inbox (citizen or staff, by token) and the citizen's WeChat subscriptions. */
const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const settings = templateSettings(app.config);

  /** Whose inbox: every signed-in caller has one, citizen or staff. */
  function recipientOf(request: FastifyRequest): Recipient {
    const { type, id } = callerOf(request);
    return { type, id };
  }

  const secured = { onRequest: [app.authenticate] };
  const citizenOnly = { onRequest: [app.requireAbility('services.use')] };
  const tags = ['notifications'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/notifications',
    {
      ...secured,
      schema: {
        tags,
        summary: '我的消息',
        description: '当前登录者（居民或工作人员）自己的消息，最新的在前。',
        security,
        querystring: notificationListQuerySchema,
        response: { 200: notificationPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => listNotifications(app.db, recipientOf(request), request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      ...secured,
      schema: {
        tags,
        summary: '未读消息数',
        security,
        response: { 200: unreadCountSchema, ...errors(401, 403) },
      },
    },
    async (request) => ({ unread: await unreadCount(app.db, recipientOf(request)) }),
  );

  app.post(
    '/notifications/read-all',
    {
      ...secured,
      schema: {
        tags,
        summary: '全部标为已读',
        security,
        response: { 200: readAllResultSchema, ...errors(401, 403) },
      },
    },
    async (request) => ({ updated: await markAllRead(app.db, recipientOf(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      ...secured,
      schema: {
        tags,
        summary: '标为已读',
        description: '只能标记自己的消息；别人的消息按不存在处理（404）。',
        security,
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: notificationSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const notification = await markRead(app.db, recipientOf(request), request.params.id);
      if (!notification) throw new AppError('NOT_FOUND', '消息不存在');
      return notification;
    },
  );

  app.get(
    '/me/subscriptions',
    {
      ...citizenOnly,
      schema: {
        tags,
        summary: '我的订阅消息',
        description:
          '每种订阅消息的微信模板ID（小程序据此调用 wx.requestSubscribeMessage）和还可发送的次数。仅居民可用。',
        security,
        response: { 200: subscriptionsSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      return { items: await subscriptionState(app.db, user.id, settings) };
    },
  );

  app.post(
    '/me/subscriptions',
    {
      ...citizenOnly,
      schema: {
        tags,
        summary: '上报订阅结果',
        description:
          '小程序把 wx.requestSubscribeMessage 的结果（按模板键）报给服务端：每个 accepted 的模板可多发送一条（一次性订阅）；rejected 只作记录，不影响已有次数。',
        security,
        body: subscriptionReportSchema,
        response: { 200: subscriptionsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      await addGrants(app.db, user.id, request.body.accepted);
      return { items: await subscriptionState(app.db, user.id, settings) };
    },
  );
};

export default notificationsRoutes;
