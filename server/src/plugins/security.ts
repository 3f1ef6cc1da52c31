import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';
import { findLoneSurrogate } from '../lib/well-formed-text';

/** Security headers and CORS for the whole app, and no half surrogate pair in any JSON body. */
async function security(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The Swagger UI at /docs and Taro's H5 runtime use inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        // Taro.uploadFile on H5 reads the picked file back through a blob: URL.
        connectSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // The H5 app is served from the same origin; other origins (a separately hosted H5 build) only by configuration.
  await app.register(cors, { origin: false });

  // A lone surrogate can only arrive as a JSON escape ("\ud800") and no column can store it; checked here once, on
  // every parsed body, rather than by each string schema (free-form answers such as a draft's formData have none).
  app.addHook('preValidation', async (request) => {
    const path = findLoneSurrogate(request.body);
    if (path === undefined) return;
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: path ? `body.${path}` : 'body', message: '含有无法识别的字符，请删除后重新输入' },
    ]);
  });
}

export default fp(security, { name: 'security' });
