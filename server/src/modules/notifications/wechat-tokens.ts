import type { FastifyInstance } from 'fastify';
import { createWechatClient } from '../wechat/client';
import { databaseTokenStore, redisTokenStore } from '../wechat/token-store';
import type { AccessTokenSource } from './sender';

/**
 * The wechat module's access token (one token shared by every instance, in Redis or the database) as the
 * sender needs it. Invalidation goes to the same stores the client reads from.
 */
export function wechatTokenSource(app: Pick<FastifyInstance, 'config' | 'db' | 'redis' | 'log'>): AccessTokenSource {
  const client = createWechatClient({ config: app.config, db: app.db, redis: app.redis, log: app.log });
  const stores = [
    ...(app.redis ? [redisTokenStore(app.redis, app.config.WECHAT_APP_ID)] : []),
    databaseTokenStore(app.db, app.config.WECHAT_APP_ID),
  ];
  return {
    getAccessToken: () => client.accessToken(),
    async invalidate(token) {
      for (const store of stores) {
        try {
          await store.invalidate(token);
        } catch (error) {
          app.log.warn({ reason: (error as Error).message }, 'could not invalidate the WeChat access token');
        }
      }
    },
  };
}
