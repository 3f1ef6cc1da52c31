import {
  counterClaimBodySchema,
  counterFileBodySchema,
  counterFileResultSchema,
  counterLegalBookingBodySchema,
  counterLegalBookingSchema,
  counterLookupBodySchema,
  counterLookupResultSchema,
  counterPersonSchema,
  counterReceiptSchema,
  counterRegisterBodySchema,
  errorEnvelopeSchema,
  idempotencyKeySchema,
  sessionSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { citizenOf, staffOf } from '../../plugins/caller';
import { legalClock } from '../legal/clock';
import { ONE_HOUR_MS, recentCitizenActions } from '../me/attempts';
import { depsOf } from '../requests/service';
import { claimCounterRecord } from './claim';
import { counterReceipt, fileForPerson } from './filing';
import { bookLegalConsultation } from './legal-booking';
import { findPerson, registerPerson } from './people';

const security = [{ bearerAuth: [] }];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
/** Claims per account per hour: enough to fix a typo, too few to try ID numbers. */
export const CLAIM_ATTEMPTS_PER_HOUR = 5;

/**
 * 窗口代办 (counter service): staff with `counter.file` find a person by ID number or register them, file a
 * request for them and print its 受理回执; the person later takes the record over in the app.
 */
const counterRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = depsOf(app);

  app.post(
    '/staff/counter/lookup',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['counter'],
        summary: '窗口代办：按身份证号码查找办事人',
        description:
          '按身份证号码的带密钥哈希查找；结果脱敏。不属于本机构管辖的人返回 403 OUT_OF_SCOPE。记入审计日志。',
        security,
        body: counterLookupBodySchema,
        response: { 200: counterLookupResultSchema, ...errors },
      },
    },
    async (request) => {
      const person = await findPerson(app.db, app.cipher, staffOf(request), request.body.idNumber);
      await request.audit({
        action: 'counter.lookup',
        targetType: 'user',
        targetId: person?.userId,
        detail: { found: person !== null },
      });
      return { person };
    },
  );

  app.post(
    '/staff/counter/people',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['counter'],
        summary: '窗口代办：登记办事人（无需微信或手机号）',
        description:
          '按出示的身份证件登记实名信息（加密保存），社区须在本机构管辖范围内。核对过退伍证的直接认证（本人到站核验），' +
          '否则进入实名核验队列。记录隐私政策的同意方式和记录人。身份证号码已有登记时 409 PERSON_ALREADY_REGISTERED。',
        security,
        body: counterRegisterBodySchema,
        response: { 201: counterPersonSchema, ...errors },
      },
    },
    async (request, reply) => {
      const person = await registerPerson(app.db, app.cipher, staffOf(request), request.body);
      await request.audit({
        action: 'counter.register',
        targetType: 'user',
        targetId: person.userId,
        detail: {
          documentChecked: request.body.documentChecked,
          consentMethod: request.body.consentMethod,
          phoneRecorded: Boolean(request.body.phone),
          communityUnitId: request.body.communityUnitId,
        },
      });
      return reply.status(201).send(person);
    },
  );

  app.post(
    '/staff/counter/requests',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['counter'],
        summary: '窗口代办：为办事人填报并提交办件',
        description:
          '与小程序同一套表单校验、分派和承诺时限；办件的申请人是办事人本人，时间线记“窗口代办（经办人 …）”，' +
          '并记录受理方式（窗口/电话/上门）。附件可由经办人上传（POST /uploads）。所需的同意（隐私政策、敏感个人信息）' +
          '按 consentMethod 记录。带 Idempotency-Key 重试不会重复提交。',
        security,
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
        body: counterFileBodySchema,
        response: {
          200: counterFileResultSchema,
          201: counterFileResultSchema,
          ...errors,
          410: errorEnvelopeSchema,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const outcome = await fileForPerson(deps, staff, request.body, request.headers['idempotency-key']);
      const receipt = await counterReceipt(deps, staff, outcome.requestId);
      if (!outcome.replayed) {
        await request.audit({
          action: 'counter.file',
          targetType: 'service_request',
          targetId: outcome.requestId,
          detail: {
            userId: request.body.userId,
            serviceCode: request.body.serviceCode,
            channel: request.body.channel,
            consentMethod: request.body.consentMethod,
          },
        });
      }
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(outcome.replayed ? 200 : 201).send({ requestId: outcome.requestId, number: receipt.number });
    },
  );

  app.post(
    '/staff/counter/legal-bookings',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['counter'],
        summary: '窗口代办：为来窗口或来电的办事人预约法律咨询',
        description:
          '预约以后日期的开放时段，规则与小程序相同（同一时间只能有一个未完成的预约、爽约限制、预约截止时间、名额）；' +
          '预约属于办事人本人，本人会收到预约通知。记录预约方式（窗口/电话）和经办人，未同意过隐私政策的按 consentMethod 记录。' +
          '当天到中心的请用律师工作台的现场登记。',
        security,
        body: counterLegalBookingBodySchema,
        response: { 201: counterLegalBookingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const booking = await bookLegalConsultation(app.db, app.cipher, staffOf(request), request.body, legalClock.now());
      await request.audit({
        action: 'counter.legal_booking',
        targetType: 'legal_booking',
        targetId: booking.bookingId,
        detail: {
          userId: request.body.userId,
          slotId: request.body.slotId,
          channel: request.body.channel,
          consentMethod: request.body.consentMethod,
        },
      });
      return reply.status(201).send(booking);
    },
  );

  app.get(
    '/staff/counter/requests/:id/receipt',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['counter'],
        summary: '受理回执（打印用）',
        description: '办件编号、事项、受理日期、承诺办结日期（工作日）、受理单位地址电话和查询进度的方式。',
        security,
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: counterReceiptSchema, ...errors },
      },
    },
    async (request) => counterReceipt(deps, staffOf(request), request.params.id),
  );

  app.post(
    '/me/counter-claim',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['counter'],
        summary: '认领在服务站窗口登记的记录和办件',
        description:
          '须已验证手机号（短信验证码登录或微信手机号授权），且与在窗口登记的手机号一致，姓名和身份证号码与登记一致，' +
          '本账号尚无实名信息和办理记录。成功后返回该记录的新登录凭证（原空账号注销）。每小时最多尝试 5 次。',
        security,
        body: counterClaimBodySchema,
        response: { 200: sessionSchema, ...errors, 429: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = citizenOf(request);
      const attempts = await recentCitizenActions(app.db, caller.id, ['counter.claim_refused'], ONE_HOUR_MS);
      if (attempts >= CLAIM_ATTEMPTS_PER_HOUR) throw new AppError('RATE_LIMITED', '尝试次数过多，请一小时后再试');
      try {
        const { session, userId } = await claimCounterRecord(app, caller.id, request.body);
        await request.audit({
          action: 'counter.claim',
          targetType: 'user',
          targetId: userId,
          detail: { retiredUserId: caller.id },
        });
        return session;
      } catch (error) {
        if (error instanceof AppError) {
          await request.audit({ action: 'counter.claim_refused', targetType: 'user', targetId: caller.id });
        }
        throw error;
      }
    },
  );
};

export default counterRoutes;
