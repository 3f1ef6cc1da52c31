import {
  applicantContactQuerySchema,
  applicantContactSchema,
  bookingStatusLabels,
  bookingStatusSchema,
  centreCancelBodySchema,
  consultationRecordBodySchema,
  errorEnvelopeSchema,
  legalDayQuerySchema,
  legalDaySchema,
  legalImpactListQuerySchema,
  legalImpactSchema,
  legalRecordListQuerySchema,
  legalRecordSchema,
  walkInBodySchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { legalBookings } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { staffOf } from '../../plugins/caller';
import { applicantContact } from '../me/contact';
import { cancelBooking } from './bookings';
import { addWalkIn, checkIn, dayView, listImpacts, markImpactHandled, markNoShow, sessionsView } from './centre';
import { legalClock } from './clock';
import { createFollowUp, listRecords, recordConsultation } from './records';
import { toBeijingIso } from './time';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
const bookingStateSchema = z.object({
  id: z.number().int(),
  status: bookingStatusSchema,
  statusLabel: z.string(),
  checkedInAt: z.string().nullable(),
  blockedUntil: z.string().nullable().optional().describe('这次未到场导致暂停预约时，暂停到何时'),
});
const cancelledSchema = bookingStateSchema.extend({ promoted: z.number().int().min(0) });
const sessionSchema = z.object({
  date: z.string(),
  slots: z.number().int(),
  booked: z.number().int(),
  capacity: z.number().int(),
});
const sessionsSchema = z.object({
  today: z.string(),
  next: z.string().nullable().describe('今天有时段时为今天，否则为下一个咨询日；没有已发布的时段时为 null'),
  upcoming: z.array(sessionSchema).describe('今天及以后的咨询日'),
  recent: z.array(sessionSchema).describe('近几天（仍可补写咨询记录）的咨询日，最近的在前'),
  recordDays: z.number().int().describe('咨询后可补写记录的天数（LEGAL_RECORD_DAYS）'),
});
const followUpBodySchema = z.strictObject({ note: z.string().trim().max(1000).optional() });

/**
 * The centre's side of the legal consultation: the day's list, check-in and no-show, walk-ins, cancelling on
 * behalf of the centre, bookings affected by schedule changes, and the lawyer's record. Every change is audited.
 */
const legalStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  async function bookingState(bookingId: number, blockedUntil?: Date | null) {
    const [booking] = await app.db.select().from(legalBookings).where(eq(legalBookings.id, bookingId));
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    return {
      id: booking.id,
      status: booking.status,
      statusLabel: bookingStatusLabels[booking.status],
      checkedInAt: booking.checkedInAt ? toBeijingIso(booking.checkedInAt) : null,
      ...(blockedUntil !== undefined ? { blockedUntil: blockedUntil ? toBeijingIso(blockedUntil) : null } : {}),
    };
  }

  app.get(
    '/staff/legal/day',
    {
      onRequest: app.requireAbility('legal.day'),
      schema: {
        tags: ['staff'],
        summary: '当天法律咨询预约名单',
        security,
        querystring: legalDayQuerySchema,
        response: { 200: legalDaySchema, ...errors },
      },
    },
    async (request) => {
      return dayView(app.db, app.cipher, request.query.date, legalClock.now());
    },
  );

  app.get(
    '/staff/legal/sessions',
    {
      onRequest: app.requireAbility('legal.day'),
      schema: {
        tags: ['staff'],
        summary: '法律咨询日：应打开的一天、即将到来的咨询日和近几天的咨询日',
        security,
        response: { 200: sessionsSchema, ...errors },
      },
    },
    async () => {
      const days = app.config.LEGAL_RECORD_DAYS;
      return { ...(await sessionsView(app.db, legalClock.now(), days)), recordDays: days };
    },
  );

  app.post(
    '/legal/bookings/:id/check-in',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '签到（预约当天）',
        security,
        params: idParams,
        response: { 200: bookingStateSchema, ...errors },
      },
    },
    async (request) => {
      await checkIn(app.db, request.params.id, legalClock.now());
      await request.audit({ action: 'legal.check_in', targetType: 'legal_booking', targetId: request.params.id });
      return bookingState(request.params.id);
    },
  );

  app.post(
    '/legal/bookings/:id/no-show',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '标记未到场（时段开始后）',
        description: '90 天内 3 次未到场，自第 3 次起 30 天内不能预约；本人会收到通知。',
        security,
        params: idParams,
        response: { 200: bookingStateSchema, ...errors },
      },
    },
    async (request) => {
      const { blockedUntil } = await markNoShow(app.db, request.params.id, legalClock.now());
      await request.audit({
        action: 'legal.no_show',
        targetType: 'legal_booking',
        targetId: request.params.id,
        detail: { blocked: blockedUntil !== null },
      });
      return bookingState(request.params.id, blockedUntil);
    },
  );

  app.post(
    '/staff/legal/walk-ins',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '现场登记（当天时段的空余名额）',
        description: '已注册的实名用户：userId，或姓名 + 身份证号码。直接记为已签到；没有空余名额时 SLOT_FULL。',
        security,
        body: walkInBodySchema,
        response: { 201: bookingStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const bookingId = await addWalkIn(app.db, app.cipher, staffOf(request).id, request.body, legalClock.now());
      await request.audit({
        action: 'legal.walk_in',
        targetType: 'legal_booking',
        targetId: bookingId,
        detail: { slotId: request.body.slotId, by: request.body.userId !== undefined ? 'userId' : 'idNumber' },
      });
      return reply.status(201).send(await bookingState(bookingId));
    },
  );

  app.get(
    '/staff/legal/bookings/:id/applicant-contact',
    {
      onRequest: app.requireAbility('legal.day'),
      schema: {
        tags: ['staff'],
        summary: '预约人的联系电话（默认脱敏；reveal=phone 显示完整号码并记入审计日志）',
        description: '预约人是提交预约的人（家属代约时为家属），以便律师或服务中心改约、提醒时联系。',
        security,
        params: idParams,
        querystring: applicantContactQuerySchema,
        response: { 200: applicantContactSchema, ...errors },
      },
    },
    async (request, reply) => {
      const [booking] = await app.db
        .select({ userId: legalBookings.userId })
        .from(legalBookings)
        .where(eq(legalBookings.id, request.params.id));
      if (!booking) throw new AppError('BOOKING_NOT_FOUND');
      const revealed = request.query.reveal === 'phone';
      const contact = await applicantContact(app.db, app.cipher, booking.userId, revealed);
      if (revealed) {
        await request.audit({ action: 'legal.view_phone', targetType: 'legal_booking', targetId: request.params.id });
        reply.header('cache-control', 'no-store');
      }
      return contact;
    },
  );

  app.post(
    '/staff/legal/bookings/:id/cancel',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '由服务中心取消预约（如停诊后与本人协商）',
        description: '名额释放并自动递补候补；预约人会收到通知和取消原因。',
        security,
        params: idParams,
        body: centreCancelBodySchema,
        response: { 200: cancelledSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const promoted = await cancelBooking(
        app.db,
        app.cipher,
        request.params.id,
        { centre: { staffId: staff.id, reason: request.body.reason } },
        legalClock.now(),
      );
      await request.audit({
        action: 'legal.centre_cancel',
        targetType: 'legal_booking',
        targetId: request.params.id,
        detail: { promoted },
      });
      return { ...(await bookingState(request.params.id)), promoted };
    },
  );

  app.get(
    '/staff/legal/impacts',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '受排班调整、停诊影响的预约（待处理）',
        security,
        querystring: legalImpactListQuerySchema,
        response: { 200: z.object({ items: z.array(legalImpactSchema) }), ...errors },
      },
    },
    async (request) => {
      return { items: await listImpacts(app.db, app.cipher, request.query.include) };
    },
  );

  app.post(
    '/staff/legal/impacts/:id/handled',
    {
      onRequest: app.requireAbility('legal.desk'),
      schema: {
        tags: ['staff'],
        summary: '标记受影响预约已处理',
        security,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      await markImpactHandled(app.db, request.params.id, staff.id, legalClock.now());
      await request.audit({ action: 'legal.impact_handled', targetType: 'legal_impact', targetId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/legal/bookings/:id/record',
    {
      onRequest: app.requireAbility('legal.record'),
      schema: {
        tags: ['staff'],
        summary: '律师记录咨询结果（已签到的预约，每个预约一条）',
        description:
          '摘要和建议加密保存。createFollowUpRequest: true 时为咨询人提交后续办件：建议法律援助时为“诉求反映”，否则为“政策咨询”。',
        security,
        params: idParams,
        body: consultationRecordBodySchema,
        response: { 201: legalRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const lawyer = staffOf(request);
      const recordId = await recordConsultation(
        { db: app.db, cipher: app.cipher },
        lawyer.id,
        request.params.id,
        request.body,
        legalClock.now(),
        app.config.LEGAL_RECORD_DAYS,
      );
      const [record] = await listRecords(app.db, app.cipher, { recordId }, true);
      if (!record) throw new AppError('NOT_FOUND', '咨询记录不存在');
      await request.audit({
        action: 'legal.record_created',
        targetType: 'legal_record',
        targetId: recordId,
        detail: { bookingId: request.params.id, followUpRequestId: record?.followUpRequest?.id ?? null },
      });
      return reply.status(201).send(record);
    },
  );

  app.post(
    '/staff/legal/records/:id/follow-up',
    {
      onRequest: app.requireAbility('legal.record'),
      schema: {
        tags: ['staff'],
        summary: '为咨询记录创建后续办件（如创建记录时未创建或失败）',
        security,
        params: idParams,
        body: followUpBodySchema,
        response: { 200: legalRecordSchema, ...errors },
      },
    },
    async (request) => {
      const lawyer = staffOf(request);
      const [own] = await listRecords(
        app.db,
        app.cipher,
        { recordId: request.params.id, lawyerStaffId: lawyer.id },
        false,
      );
      if (!own) throw new AppError('NOT_FOUND', '咨询记录不存在');
      const followUp = await createFollowUp(
        { db: app.db, cipher: app.cipher },
        request.params.id,
        lawyer.id,
        request.body.note,
        legalClock.now(),
      );
      await request.audit({
        action: 'legal.follow_up_created',
        targetType: 'legal_record',
        targetId: request.params.id,
        detail: { requestId: followUp.id },
      });
      const [record] = await listRecords(app.db, app.cipher, { recordId: request.params.id }, true);
      if (!record) throw new AppError('NOT_FOUND', '咨询记录不存在');
      return record;
    },
  );

  app.get(
    '/staff/legal/records',
    {
      onRequest: app.requireAbility('legal.day'),
      schema: {
        tags: ['staff'],
        summary: '咨询记录：律师看本人的，区中心工作人员看全部',
        description: '工作人员默认不显示摘要和建议；reveal=1 显示全文并留痕（legal_record.view）。',
        security,
        querystring: legalRecordListQuerySchema,
        response: { 200: z.object({ items: z.array(legalRecordSchema) }), ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { date, lawyer, reveal } = request.query;
      if (staff.role === 'lawyer') {
        return { items: await listRecords(app.db, app.cipher, { date, lawyerStaffId: staff.id }, true) };
      }
      const items = await listRecords(
        app.db,
        app.cipher,
        { date, lawyerStaffId: lawyer === 'me' ? staff.id : undefined },
        reveal === true,
      );
      if (reveal && items.length > 0) {
        await request.audit({
          action: 'legal_record.view',
          targetType: 'legal_record',
          targetId: items.length === 1 ? items[0]?.id : undefined,
          detail: { recordIds: items.map((item) => item.id), date: date ?? null },
        });
      }
      return { items };
    },
  );
};

export default legalStaffRoutes;
