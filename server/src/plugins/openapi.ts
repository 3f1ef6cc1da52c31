import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Config } from '../config';

/** Whether /docs and /openapi.json are served: API_DOCS, or on by default except in production. */
export function apiDocsServed(config: Pick<Config, 'API_DOCS' | 'NODE_ENV'>): boolean {
  return config.API_DOCS ?? config.NODE_ENV !== 'production';
}

/**
 * OpenAPI generated from the routes' zod schemas: JSON at /openapi.json, a browsable UI at /docs. In production
 * the two routes are off unless API_DOCS=1 (they list every admin route to anyone); the document itself is still
 * generated, so `app.swagger()` works everywhere.
 */
async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: { title: '退役军人服务通 API', version: '1.0.0', description: '魏都区退役军人服务小程序与 H5 的接口' },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  if (!apiDocsServed(app.config)) return;
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapi, { name: 'openapi', dependencies: ['config'] });
