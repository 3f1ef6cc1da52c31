import {
  calendarDateSchema,
  calendarDaySchema,
  errorEnvelopeSchema,
  holidayOverrideBodySchema,
  holidayYearQuerySchema,
  holidayYearSchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holidayOverrides } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { staffOf } from '../../plugins/caller';
import { findOverride, loadWorkingCalendar } from './queries';
import { beijingDate } from './working-days';
import { yearView } from './year-view';

const security = [{ bearerAuth: [] }];
const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };
const dateParams = z.object({ date: calendarDateSchema });

/**
 * Holiday calendar 节假日设置 under /admin: the statutory schedule from the `chinese-days` library plus the
 * admins' overrides (a date off or a make-up workday), which win. For years the library does not cover yet,
 * `calendarKnown: false` tells the admin to enter the State Council's schedule by hand; until then working
 * days fall back to Monday–Friday.
 */
const calendarAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  // Admins see the calendar; it is one for every unit, so only an admin of the district centre changes it.

  app.get(
    '/holidays',
    {
      onRequest: app.requireAbility('calendar.read'),
      schema: {
        tags: ['admin'],
        summary: '节假日与调休（法定安排 + 管理员调整）',
        security,
        querystring: holidayYearQuerySchema,
        response: { 200: holidayYearSchema, ...errors },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(beijingDate(new Date()).slice(0, 4));
      return yearView(year, await loadWorkingCalendar(app.db, `${year}-01-01`));
    },
  );

  app.put(
    '/holidays/:date',
    {
      onRequest: app.requireAbility('calendar.manage'),
      schema: {
        tags: ['admin'],
        summary: '设置某日为放假或调休上班（覆盖法定安排）',
        security,
        params: dateParams,
        body: holidayOverrideBodySchema,
        response: { 200: calendarDaySchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const { date } = request.params;
      const { kind, name } = request.body;
      const before = await findOverride(app.db, date);
      await app.db
        .insert(holidayOverrides)
        .values({ day: date, kind, name, createdBy: caller.id })
        .onDuplicateKeyUpdate({ set: { kind, name, createdBy: caller.id } });
      await request.audit({
        action: 'calendar.override_set',
        targetType: 'holiday',
        targetId: date,
        detail: { kind, name, previous: before ? { kind: before.kind, name: before.name } : null },
      });
      const view = yearView(Number(date.slice(0, 4)), await loadWorkingCalendar(app.db, date));
      const day = view.days.find((entry) => entry.date === date);
      if (!day) throw new AppError('INTERNAL_ERROR');
      return day;
    },
  );

  app.delete(
    '/holidays/:date',
    {
      onRequest: app.requireAbility('calendar.manage'),
      schema: {
        tags: ['admin'],
        summary: '取消某日的调整，恢复法定安排',
        security,
        params: dateParams,
        response: { 204: z.null(), 404: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { date } = request.params;
      const before = await findOverride(app.db, date);
      if (!before) throw new AppError('NOT_FOUND', '该日期没有调整记录');
      await app.db.delete(holidayOverrides).where(eq(holidayOverrides.day, date));
      await request.audit({
        action: 'calendar.override_removed',
        targetType: 'holiday',
        targetId: date,
        detail: { kind: before.kind, name: before.name },
      });
      return reply.status(204).send(null);
    },
  );
};

export default calendarAdminRoutes;
