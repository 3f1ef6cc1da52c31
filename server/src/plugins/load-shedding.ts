import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { envelope, RETRY_AFTER_SECONDS } from './error-handler';

/**
 * Answers 503 at once when the process is overloaded, instead of letting every request slow down, and to
 * requests that arrive on open connections while it shuts down (in the envelope: Fastify's own closing answer,
 * return503OnClosing, is off in app.ts because its body is not).
 */
async function loadShedding(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    app.metrics.loadShed.inc({ reason: 'closing' });
    return reply
      .status(503)
      .header('connection', 'close')
      .header('retry-after', RETRY_AFTER_SECONDS)
      .send(envelope('SERVICE_UNAVAILABLE'));
  });

  await app.register(underPressure, {
    maxEventLoopDelay: app.config.LOAD_SHED_EVENT_LOOP_DELAY_MS,
    retryAfter: Number(RETRY_AFTER_SECONDS),
    pressureHandler: (_request, reply) => {
      app.metrics.loadShed.inc({ reason: 'pressure' });
      reply.status(503).header('retry-after', RETRY_AFTER_SECONDS).send(envelope('SERVICE_UNAVAILABLE'));
    },
  });
}

export default fp(loadShedding, { name: 'load-shedding', dependencies: ['config'] });
