import {
  appealMeetingBodySchema,
  appealMeetingSchema,
  errorEnvelopeSchema,
  homeVisitBodySchema,
  homeVisitSchema,
} from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { citizenOf, staffOf } from '../../plugins/caller';
import { requestForCitizen, requestForStaff } from '../requests/access';
import { listHomeVisits, listMeetings, recordHomeVisit, scheduleMeeting } from './service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/**
 * Home visits 走访 of hardship-aid requests (findings encrypted, staff only, views audited) and meetings
 * 约访 scheduled with the applicant of an appeal.
 */
const requestVisitsRoutes: FastifyPluginAsyncZod = async (app) => {
  async function staffRequest(request: FastifyRequest, requestId: number) {
    const caseworker = staffOf(request);
    const serviceRequest = await requestForStaff(app.db, requestId, caseworker);
    return { caseworker, serviceRequest };
  }

  app.post(
    '/staff/requests/:id/home-visits',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '记录入户走访（困难帮扶）',
        description: '走访情况加密保存，仅辖区工作人员可见；申请人只在进度中看到“工作人员已入户走访”。',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: homeVisitBodySchema,
        response: { 201: homeVisitSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { caseworker, serviceRequest } = await staffRequest(request, request.params.id);
      const visitId = await recordHomeVisit(app.db, app.cipher, serviceRequest, caseworker.id, request.body);
      await request.audit({
        action: 'request.home_visit_recorded',
        targetType: 'service_request',
        targetId: serviceRequest.id,
        detail: { visitId, visitDate: request.body.visitDate },
      });
      const visit = (await listHomeVisits(app.db, app.cipher, serviceRequest.id)).find((item) => item.id === visitId);
      if (!visit) throw new AppError('NOT_FOUND');
      return reply.status(201).send(visit);
    },
  );

  app.get(
    '/staff/requests/:id/home-visits',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '入户走访记录（查看留痕）',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 200: z.object({ items: z.array(homeVisitSchema) }), ...errors },
      },
    },
    async (request) => {
      const { serviceRequest } = await staffRequest(request, request.params.id);
      const items = await listHomeVisits(app.db, app.cipher, serviceRequest.id);
      await request.audit({
        action: 'request.view_home_visit',
        targetType: 'service_request',
        targetId: serviceRequest.id,
        detail: { visits: items.length },
      });
      return { items };
    },
  );

  app.post(
    '/staff/requests/:id/meetings',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '安排约访（诉求反映）',
        description: 'scheduledAt 为带时区的时间（如 2026-11-26T09:30:00+08:00）；会通知申请人。',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: appealMeetingBodySchema,
        response: { 201: appealMeetingSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { caseworker, serviceRequest } = await staffRequest(request, request.params.id);
      const meetingId = await scheduleMeeting(app.db, serviceRequest, caseworker.id, request.body);
      await request.audit({
        action: 'request.meeting_scheduled',
        targetType: 'service_request',
        targetId: serviceRequest.id,
        detail: { meetingId },
      });
      const meeting = (await listMeetings(app.db, serviceRequest.id)).find((item) => item.id === meetingId);
      if (!meeting) throw new AppError('NOT_FOUND');
      return reply.status(201).send(meeting);
    },
  );

  app.get(
    '/staff/requests/:id/meetings',
    {
      onRequest: app.requireAbility('requests.work'),
      schema: {
        tags: ['staff'],
        summary: '约访安排（工作人员）',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 200: z.object({ items: z.array(appealMeetingSchema) }), ...errors },
      },
    },
    async (request) => {
      const { serviceRequest } = await staffRequest(request, request.params.id);
      return { items: await listMeetings(app.db, serviceRequest.id) };
    },
  );

  app.get(
    '/requests/:id/meetings',
    {
      onRequest: app.requireAbility('services.use'),
      schema: {
        tags: ['requests'],
        summary: '我的约访安排',
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: { 200: z.object({ items: z.array(appealMeetingSchema) }), ...errors },
      },
    },
    async (request) => {
      const user = citizenOf(request).user;
      const serviceRequest = await requestForCitizen(app.db, request.params.id, user.id);
      return { items: await listMeetings(app.db, serviceRequest.id) };
    },
  );
};

export default requestVisitsRoutes;
