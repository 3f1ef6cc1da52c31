import { errorEnvelopeSchema, sessionSchema, wechatLoginBodySchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { citizenOf } from '../../plugins/caller';
import { signInByOpenid } from '../auth/citizens';
import { loadPrincipal } from '../auth/principal';
import { issueSession } from '../auth/sessions';
import { createWechatClient } from './client';
import { finishFaceVerification, openFaceVerification } from './face';
import { bindPhone } from './phone';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema]));

/** Mini-program sign-in and phone binding through WeChat's server APIs. */
const wechatRoutes: FastifyPluginAsyncZod = async (app) => {
  const wechat = createWechatClient({ config: app.config, db: app.db, redis: app.redis, log: app.log });

  app.post(
    '/auth/wechat',
    {
      schema: {
        tags: ['auth'],
        summary: '微信小程序登录',
        description: '用 wx.login 的 code 换取 openid；首次登录自动创建账号。',
        body: wechatLoginBodySchema,
        response: { 200: sessionSchema, ...errors(400, 403, 429, 502) },
      },
    },
    async (request) => {
      const { openid } = await wechat.code2session(request.body.code);
      const { userId, created } = await signInByOpenid(app, openid);
      const principal = await loadPrincipal(app, 'citizen', userId);
      if (!principal?.canSignIn) throw new AppError('ACCOUNT_DISABLED');
      await request.audit({
        action: 'auth.wechat.login',
        targetType: 'user',
        targetId: userId,
        actor: { id: userId, role: principal.role },
        detail: { created },
      });
      return issueSession(app, principal);
    },
  );

  app.post(
    '/me/phone',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '绑定微信手机号',
        description: '用 getPhoneNumber 按钮返回的 code 向微信获取手机号并绑定；返回脱敏后的号码。',
        security: [{ bearerAuth: [] }],
        body: wechatLoginBodySchema,
        response: {
          200: z.object({ phone: z.string().describe('脱敏手机号，如 138****8000') }),
          ...errors(400, 401, 403, 409, 429, 502),
        },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const phone = await wechat.phoneNumber(request.body.code);
      return { phone: await bindPhone(app, request, user.id, phone) };
    },
  );

  app.post(
    '/me/face-verification',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '人脸核身：为已填写的实名信息开启一次微信人脸核身（需开通；仅小程序）',
        description: '返回 verifyId，小程序用 wx.requestFacialVerify 完成刷脸后调用 …/result。',
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ verifyId: z.string() }), ...errors(401, 403, 404, 409, 502) },
      },
    },
    async (request) => openFaceVerification(app, wechat, citizenOf(request).user),
  );

  app.post(
    '/me/face-verification/result',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '人脸核身结果：向微信查询本次核身的真实结果；与名册一致时认证为退役军人',
        security: [{ bearerAuth: [] }],
        body: z.strictObject({ verifyId: z.string().trim().min(1).max(256) }),
        response: {
          200: z.object({ passed: z.boolean(), verified: z.boolean() }),
          ...errors(400, 401, 403, 404, 409, 502),
        },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const outcome = await finishFaceVerification(app, wechat, user, request.body.verifyId);
      await request.audit({
        action: outcome.passed ? 'identity.face_passed' : 'identity.face_failed',
        targetType: 'user',
        targetId: user.id,
        detail: { verified: outcome.verified },
      });
      return outcome;
    },
  );
};

export default wechatRoutes;
