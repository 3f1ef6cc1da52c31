import { errorEnvelopeSchema, phoneBindBodySchema, phoneBindResultSchema, phoneCodeBodySchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../plugins/caller';
import { createSmsProvider } from '../auth/sms/index';
import { sendSignInCode } from '../auth/sms/service';
import { bindPhoneBySms } from './service';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema]));

/** Proving a phone by SMS code while signed in, and merging the account that phone already belongs to. */
const accountMergeRoutes: FastifyPluginAsyncZod = async (app) => {
  const sms = createSmsProvider(app.config, app.log);

  app.post(
    '/me/phone/sms-code',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '绑定手机号：发送短信验证码',
        description: '与短信登录同一套规则：同一手机号 60 秒 1 条、24 小时 10 条；同一 IP 每小时 20 条；5 分钟内有效。',
        security: [{ bearerAuth: [] }],
        body: phoneCodeBodySchema,
        response: {
          200: z.object({ cooldownSeconds: z.number().int().describe('再次发送前需等待的秒数') }),
          ...errors(400, 401, 403, 429, 502),
        },
      },
    },
    async (request) => sendSignInCode(app, request, sms, request.body.phone),
  );

  app.post(
    '/me/phone/sms',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['me'],
        summary: '用短信验证码绑定手机号；该手机号属于另一账号时确认合并',
        description:
          '手机号未被使用时直接绑定（替换原登录手机号）。该手机号已是另一个账号的登录手机号时返回 409 PHONE_TAKEN，' +
          '验证码不作废；用户确认后带 merge: true 再次提交，另一个账号的办件、草稿、预约、家属关联、同意记录、消息、评价、' +
          '上传文件和实名信息在一个事务中并入当前账号，另一个账号停用并退出登录（审计 account.merged）。' +
          '两个账号实名身份不同、微信不同或有未处理的身份申诉时返回 409 ACCOUNT_MERGE_REFUSED，说明原因。',
        security: [{ bearerAuth: [] }],
        body: phoneBindBodySchema,
        response: { 200: phoneBindResultSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => bindPhoneBySms(app, request, citizenOf(request).user.id, request.body),
  );
};

export default accountMergeRoutes;
