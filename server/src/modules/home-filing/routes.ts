import {
  errorEnvelopeSchema,
  homeFilingBodySchema,
  homeFilingScheduleBodySchema,
  homeFilingVisitBodySchema,
  myHomeFilingSchema,
  staffHomeFilingSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf, staffOf } from '../../plugins/caller';
import {
  askForHomeFiling,
  myHomeFilings,
  recordHomeFilingVisit,
  scheduleHomeFiling,
  staffHomeFilings,
} from './service';

const security = [{ bearerAuth: [] }];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};

/**
 * 入户办理: the person or their linked family asks for a home visit to file a service; the unit's staff (and
 * those above it) see the address in their queue, schedule the visit, file at the visit through
 * `POST /staff/counter/requests` with channel `home`, and record the visit.
 */
const homeFilingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/me/home-filing',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '申请入户办理（年满 80 周岁、重病、卧床等不便到站）',
        security,
        body: homeFilingBodySchema,
        response: { 201: z.object({ id: z.number().int() }), ...errors },
      },
    },
    async (request, reply) => {
      const id = await askForHomeFiling(app.db, app.cipher, citizenOf(request), request.body);
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/me/home-filing',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '我的入户办理申请（含家属为我申请的）',
        security,
        response: { 200: z.object({ items: z.array(myHomeFilingSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await myHomeFilings(app.db, app.cipher, citizenOf(request)) }),
  );

  app.get(
    '/staff/home-filing',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['staff'],
        summary: '入户办理队列（本机构及下级，含上门地址和联系电话）',
        security,
        querystring: z.object({ open: z.enum(['true', 'false']).optional().describe('default true: not visited yet') }),
        response: { 200: z.object({ items: z.array(staffHomeFilingSchema) }), ...errors },
      },
    },
    async (request) => {
      const items = await staffHomeFilings(app.db, app.cipher, staffOf(request), request.query.open !== 'false');
      // Addresses and phones of people at home: who looked is audited, never what they saw.
      await request.audit({ action: 'home_filing.view', targetType: 'home_filing', detail: { count: items.length } });
      return { items };
    },
  );

  app.post(
    '/staff/home-filing/:id/schedule',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['staff'],
        summary: '安排（或改约）上门日期，并通知群众',
        security,
        params: idParams,
        body: homeFilingScheduleBodySchema,
        response: { 200: staffHomeFilingSchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const saved = await scheduleHomeFiling(app.db, app.cipher, caller, request.params.id, request.body);
      await request.audit({
        action: 'home_filing.schedule',
        targetType: 'home_filing',
        targetId: saved.id,
        detail: { visitDate: saved.visitDate },
      });
      return saved;
    },
  );

  app.post(
    '/staff/home-filing/:id/visit',
    {
      onRequest: app.requireAbility('counter.file'),
      schema: {
        tags: ['staff'],
        summary: '记录上门办理情况（关联上门代办的办件）',
        security,
        params: idParams,
        body: homeFilingVisitBodySchema,
        response: { 200: staffHomeFilingSchema, ...errors },
      },
    },
    async (request) => {
      const caller = staffOf(request);
      const saved = await recordHomeFilingVisit(app.db, app.cipher, caller, request.params.id, request.body);
      await request.audit({
        action: 'home_filing.visit',
        targetType: 'home_filing',
        targetId: saved.id,
        detail: { requestId: saved.filedRequestId },
      });
      return saved;
    },
  );
};

export default homeFilingRoutes;
