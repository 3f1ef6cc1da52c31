import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';

/** A per-client request budget; kept in Redis when configured so every instance shares it. */
async function rateLimitPlugin(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: true,
    max: app.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    redis: app.redis ?? undefined,
    nameSpace: 'veterans-rl:',
    skipOnError: true,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['config', 'redis'] });
