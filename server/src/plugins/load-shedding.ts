import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { envelope } from './error-handler';

/** Answers 503 at once when the process is overloaded, instead of letting every request slow down. */
async function loadShedding(app: FastifyInstance) {
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    maxEventLoopUtilization: 0.98,
    retryAfter: 5,
    pressureHandler: (_request, reply) => {
      reply.status(503).header('retry-after', '5').send(envelope('SERVICE_UNAVAILABLE'));
    },
  });
}

export default fp(loadShedding, { name: 'load-shedding' });
