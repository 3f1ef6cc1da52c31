import {
  bookingBodySchema,
  errorEnvelopeSchema,
  type LegalSlotList,
  legalBookingSchema,
  legalRecordSchema,
  legalSlotListSchema,
  legalSlotsQuerySchema,
  legalWaitlistedSchema,
  myLegalBookingsSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../plugins/caller';
import { bookSlot, cancelBooking, leaveWaitlist, myBooking, myBookings } from './bookings';
import { legalClock } from './clock';
import { slotRef } from './context';
import { bookingGate } from './gate';
import { listRecords } from './records';
import { slotListBody } from './slot-list-cache';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const cancelResultSchema = z.object({
  booking: legalBookingSchema,
  promoted: z.number().int().min(0).describe('因此从候补转为预约的人数'),
});

/** The citizen side of the free legal consultation 法律咨询预约: slots (public), booking, 我的预约, records. */
const legalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(citizenRoutes);

  app.get(
    '/legal/slots',
    {
      schema: {
        tags: ['legal'],
        summary: '法律咨询可预约时段（北京时间）',
        description:
          '公开接口。默认今天起 4 周，最多 8 周。约满的时段 bookable=true 且 waitlistAvailable=true 时可加入候补；停诊时段带原因，closedDays 列出因节假日或停诊整天不开放的日期。',
        querystring: legalSlotsQuerySchema,
        response: { 200: legalSlotListSchema, 400: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      // Kept per digest of the rows it is computed from (slot-list-cache.ts), serialised by this route's own
      // response schema when computed; Fastify sends a string under a JSON content type as it is.
      const serialize = (list: LegalSlotList) => reply.serialize(list) as string;
      const body = await slotListBody(app.db, legalClock.now(), request.query, serialize);
      return reply.type('application/json; charset=utf-8').send(body as unknown as LegalSlotList);
    },
  );
};

/** Signed-in citizens only: no token → 401, staff tokens → 403 before the body is even read. */
const citizenRoutes: FastifyPluginAsyncZod = async (app) => {
  const citizen = app;
  const gate = bookingGate(app.config.DATABASE_POOL_SIZE);
  citizen.addHook('onRequest', app.requireAbility('services.use'));

  citizen.post(
    '/legal/bookings',
    {
      schema: {
        tags: ['legal'],
        summary: '预约法律咨询（本人或为关联的退役军人）',
        description:
          '需实名认证。每人（含被代为预约的退役军人）同时只能有一个未完成的预约。时段约满时返回 SLOT_FULL；带 waitlist: true 则加入候补并返回 202。',
        security,
        body: bookingBodySchema,
        response: { 201: legalBookingSchema, 202: legalWaitlistedSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const outcome = await gate.run(async () => {
        const user = citizenOf(request).user;
        const now = legalClock.now();
        const result = await bookSlot(app.db, app.cipher, user, request.body, now);
        return { user, now, result };
      });
      const { user, now, result } = outcome;
      if (result.kind === 'waitlisted') {
        return reply.status(202).send({
          waitlisted: true as const,
          waitlistId: result.waitlistId,
          position: result.position,
          slot: slotRef(result.slot, null),
        });
      }
      return reply.status(201).send(await myBooking(app.db, app.cipher, user.id, result.bookingId, now));
    },
  );

  citizen.get(
    '/legal/bookings/mine',
    {
      schema: {
        tags: ['legal'],
        summary: '我的法律咨询预约与候补（含为家人预约的）',
        security,
        response: { 200: myLegalBookingsSchema, ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      return myBookings(app.db, app.cipher, user.id, legalClock.now());
    },
  );

  citizen.post(
    '/legal/bookings/:id/cancel',
    {
      schema: {
        tags: ['legal'],
        summary: '取消预约（取消截止时间前）',
        description: '名额立即释放，并自动递补给候补中的第一位（如其没有其他预约）。',
        security,
        params: idParams,
        response: { 200: cancelResultSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const now = legalClock.now();
      const promoted = await cancelBooking(app.db, app.cipher, request.params.id, { citizenId: user.id }, now);
      return { booking: await myBooking(app.db, app.cipher, user.id, request.params.id, now), promoted };
    },
  );

  citizen.delete(
    '/legal/waitlist/:id',
    {
      schema: {
        tags: ['legal'],
        summary: '退出候补',
        security,
        params: idParams,
        response: { 204: z.null(), 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = citizenOf(request).user;
      await leaveWaitlist(app.db, user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  citizen.get(
    '/legal/records/mine',
    {
      schema: {
        tags: ['legal'],
        summary: '我的法律咨询记录（律师的意见和建议）',
        description: '只有被咨询人本人可以查看。',
        security,
        response: { 200: z.object({ items: z.array(legalRecordSchema) }), ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      return { items: await listRecords(app.db, app.cipher, { subjectUserId: user.id }, true) };
    },
  );
};

export default legalRoutes;
