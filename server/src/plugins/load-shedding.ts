import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { envelope } from './error-handler';

/** Answers 503 at once when the process is overloaded, instead of letting every request slow down. */
async function loadShedding(app: FastifyInstance) {
  await app.register(underPressure, {
    maxEventLoopDelay: app.config.LOAD_SHED_EVENT_LOOP_DELAY_MS,
    retryAfter: 5,
    pressureHandler: (_request, reply) => {
      reply.status(503).header('retry-after', '5').send(envelope('SERVICE_UNAVAILABLE'));
    },
  });
}

export default fp(loadShedding, { name: 'load-shedding', dependencies: ['config'] });
