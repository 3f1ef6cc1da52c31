import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { envelope } from './error-handler';

const API_PREFIXES = ['/api/', '/docs', '/openapi.json', '/healthz', '/readyz'];

function wantsAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (API_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** The build writes `name.br` and `name.gz` beside each text file (miniapp/config: precompression). */
const COMPRESSED_SIBLING = /\.(br|gz)$/;

/**
 * Cache policy of a file the static plugin is about to send (`filePath` may be the compressed sibling it chose):
 * the entry page is revalidated on every visit, everything else carries a content hash in its name.
 */
export function cacheControlFor(filePath: string): string {
  return filePath.replace(COMPRESSED_SIBLING, '').endsWith('.html')
    ? 'no-cache'
    : 'public, max-age=31536000, immutable';
}

/**
 * Serves the built H5 app at `/` so one URL gives the whole product. The app routes in history mode,
 * so an unknown page path gets index.html; unknown API paths get the JSON 404. Files are sent as the build
 * compressed them (brotli, else gzip, by the browser's Accept-Encoding): on a phone's connection the app's
 * scripts are several times smaller, and nothing is compressed per request.
 */
async function h5App(app: FastifyInstance) {
  const root = app.config.H5_DIR;
  const hasApp = existsSync(path.join(root, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', cacheControlFor(filePath));
      },
    });
  } else {
    app.log.warn({ root }, 'H5 app not built; only the API is served');
  }

  app.setNotFoundHandler((request, reply) => {
    if (hasApp && wantsAppPage(request)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(envelope('NOT_FOUND', '请求的地址不存在'));
  });
}

export default fp(h5App, { name: 'h5-app', dependencies: ['config'] });
