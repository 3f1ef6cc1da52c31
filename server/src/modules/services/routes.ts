import { errorEnvelopeSchema, findService, serviceCatalog, serviceGuideSchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';

/** The service catalog 办事事项: public, no sign-in. */
const servicesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/services',
    {
      schema: {
        tags: ['services'],
        summary: '办事事项目录',
        response: { 200: z.object({ items: z.array(serviceGuideSchema) }) },
      },
    },
    async () => ({ items: [...serviceCatalog] }),
  );

  app.get(
    '/services/:code',
    {
      schema: {
        tags: ['services'],
        summary: '办事指南',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: serviceGuideSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const service = findService(request.params.code);
      if (!service) throw new AppError('SERVICE_NOT_FOUND');
      return service;
    },
  );
};

export default servicesRoutes;
