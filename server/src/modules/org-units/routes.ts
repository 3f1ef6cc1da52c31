import { orgUnitSchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActiveUnits } from './queries';

/** The service centre and stations 服务中心/服务站: public, so people can find the one near them. */
const orgUnitsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/org-units',
    {
      schema: {
        tags: ['org-units'],
        summary: '服务中心与服务站列表',
        response: { 200: z.object({ items: z.array(orgUnitSchema) }) },
      },
    },
    async () => ({ items: await listActiveUnits(app.db) }),
  );
};

export default orgUnitsRoutes;
