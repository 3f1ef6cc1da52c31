import {
  changePasswordBodySchema,
  errorEnvelopeSchema,
  refreshBodySchema,
  sessionSchema,
  smsSendBodySchema,
  smsVerifyBodySchema,
  staffLoginBodySchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../plugins/caller';
import wechatRoutes from '../wechat/routes';
import { endSession, rotateSession } from './sessions';
import { createSmsProvider } from './sms/index';
import { sendSignInCode, verifySignInCode } from './sms/service';
import { changeStaffPassword, staffLogin } from './staff';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema]));

/** Sign-in and sessions: WeChat, phone + SMS code, staff password; rotating refresh tokens. */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const sms = createSmsProvider(app.config, app.log);

  await app.register(wechatRoutes);

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: '刷新登录（轮换刷新令牌）',
        description:
          '每个刷新令牌只能用一次：成功后返回新的一对令牌。再次出示已轮换的令牌视为被盗用，该登录链全部失效（REFRESH_TOKEN_REUSED）。',
        body: refreshBodySchema,
        response: { 200: sessionSchema, ...errors(400, 401) },
      },
    },
    async (request) => rotateSession(app, request, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录',
        description: '使该刷新令牌所在的登录链失效；重复调用或未知令牌同样返回 204。',
        body: refreshBodySchema,
        response: { 204: z.null().describe('已退出'), ...errors(400) },
      },
    },
    async (request, reply) => {
      await endSession(app, request, request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/staff/login',
    {
      schema: {
        tags: ['auth'],
        summary: '工作人员登录',
        description:
          '同一客户端地址对同一用户名连续 5 次密码错误，该地址锁定 15 分钟；各地址合计 50 次错误，该用户名锁定 15 分钟' +
          '（ACCOUNT_LOCKED）。锁定前每多错一次回答稍晚。不存在的用户名回答相同。' +
          '需修改密码的账号，user.mustChangePassword 为 true。',
        body: staffLoginBodySchema,
        response: { 200: sessionSchema, ...errors(400, 401, 403, 423) },
      },
    },
    async (request) => staffLogin(app, request, request.body),
  );

  app.post(
    '/auth/staff/password',
    {
      onRequest: [app.authenticate],
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '工作人员修改密码',
        description: '成功后该账号的其他登录全部失效，返回新的登录凭证。',
        security: [{ bearerAuth: [] }],
        body: changePasswordBodySchema,
        response: { 200: sessionSchema, ...errors(400, 401, 403, 423) },
      },
    },
    async (request) => changeStaffPassword(app, request, staffOf(request).id, request.body),
  );

  app.post(
    '/auth/sms/send',
    {
      schema: {
        tags: ['auth'],
        summary: '发送短信验证码（H5 手机号登录）',
        description: '同一手机号 60 秒 1 条、24 小时 10 条；同一 IP 每小时 20 条。验证码 5 分钟内有效。',
        body: smsSendBodySchema,
        response: {
          200: z.object({ cooldownSeconds: z.number().int().describe('再次发送前需等待的秒数') }),
          ...errors(400, 429, 502),
        },
      },
    },
    async (request) => sendSignInCode(app, request, sms, request.body.phone),
  );

  app.post(
    '/auth/sms/verify',
    {
      schema: {
        tags: ['auth'],
        summary: '短信验证码登录',
        description: '验证码只能使用一次；输错 5 次后失效。首次登录自动创建账号。',
        body: smsVerifyBodySchema,
        response: { 200: sessionSchema, ...errors(400, 403) },
      },
    },
    async (request) => verifySignInCode(app, request, request.body.phone, request.body.code),
  );
};

export default authRoutes;
