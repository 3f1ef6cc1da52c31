import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';

/**
 * A per-client request budget; kept in Redis when configured so every instance shares it. Counted in a root
 * onRequest hook, before any route's own hooks: with the plugin's per-route hook, a request refused by
 * authentication (401, 403) never reached the counter, so guessing tokens was free.
 */
async function rateLimitPlugin(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: false,
    max: app.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    redis: app.redis ?? undefined,
    nameSpace: 'veterans-rl:',
    skipOnError: true,
    // Probes and the metrics scraper (behind its own 32+ character token) poll on a timer, never on behalf of users.
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
    onExceeded: () => app.metrics.rateLimited.inc(),
  });
  app.addHook('onRequest', app.rateLimit());
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['config', 'redis'] });
