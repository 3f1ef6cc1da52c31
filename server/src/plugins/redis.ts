import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    /** Shared state for several API instances (rate limits, caches); null when REDIS_URL is not set. */
    redis: Redis | null;
  }
}

async function redisPlugin(app: FastifyInstance) {
  const url = app.config.REDIS_URL;
  if (!url) {
    app.decorate('redis', null);
    return;
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: false, connectTimeout: 3000 });
  redis.on('error', (error) => app.log.warn({ code: (error as { code?: string }).code }, 'redis error'));
  app.decorate('redis', redis);
  app.addHook('onClose', async () => {
    await redis.quit();
  });
}

export default fp(redisPlugin, { name: 'redis', dependencies: ['config'] });
