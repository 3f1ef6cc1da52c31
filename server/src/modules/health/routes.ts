import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { envelope } from '../../plugins/error-handler';

const statusSchema = z.object({ status: z.string() });

/** Liveness (the process answers) and readiness (the database answers) for the load balancer. */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: '存活检查', response: { 200: statusSchema } }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { schema: { tags: ['health'], summary: '就绪检查（数据库可用）' }, logLevel: 'warn' },
    async (_request, reply) => {
      if (await app.pingDatabase()) return { status: 'ready' };
      return reply.status(503).send(envelope('SERVICE_UNAVAILABLE', '数据库暂时不可用'));
    },
  );
};

export default healthRoutes;
