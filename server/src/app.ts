import { configureZod } from '@veterans/shared';
import Fastify, { type FastifyInstance, type FastifyLoggerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { loggerOptions, requestIdFor } from './logger';
import api from './modules/api';
import healthRoutes from './modules/health/routes';
import metrics from './modules/metrics/plugin';
import audit from './plugins/audit';
import caller from './plugins/caller';
import configPlugin from './plugins/config';
import database from './plugins/database';
import errorHandler, { clientErrorHandler, frameworkErrorHandler } from './plugins/error-handler';
import fieldCipher from './plugins/field-cipher';
import h5App from './plugins/h5-app';
import loadShedding from './plugins/load-shedding';
import openapi from './plugins/openapi';
import rateLimit from './plugins/rate-limit';
import redis from './plugins/redis';
import security from './plugins/security';
import scheduler from './scheduler/plugin';

configureZod();

const ONE_MEBIBYTE = 1024 * 1024;

/**
 * Fastify trusts no hop at all for a bare number (it cannot check who the nearest peer is), so a hop count
 * becomes a function: the socket's peer and the next `hops - 1` addresses are proxies, the one before is the client.
 */
function trustedProxies(setting: Config['TRUST_PROXY']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export interface BuildOptions {
  /** Where the log goes instead of stdout, for tests that read it. */
  logStream?: FastifyLoggerOptions['stream'];
}

/** The whole API as a Fastify instance, not yet listening: `main` listens, tests inject. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId: requestIdFor,
    bodyLimit: ONE_MEBIBYTE,
    trustProxy: trustedProxies(config.TRUST_PROXY),
    // A client dripping its headers or body is answered 408 and disconnected once this has passed.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    http: {
      // Node enforces the request limit only when the headers' own limit (60 s by default) is not longer.
      headersTimeout: Math.min(60_000, config.REQUEST_TIMEOUT_MS),
      // Node looks for such clients every 30 s by default; every second keeps the limits close to what they say.
      connectionsCheckingInterval: 1000,
    },
    // Requests that arrive while closing are refused by plugins/load-shedding, in the envelope.
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(configPlugin, config);
  await app.register(errorHandler);
  await app.register(security);
  await app.register(redis);
  await app.register(rateLimit);
  await app.register(loadShedding);
  await app.register(openapi);
  await app.register(database);
  await app.register(metrics);
  await app.register(scheduler);
  await app.register(fieldCipher);
  await app.register(caller);
  await app.register(audit);
  await app.register(h5App);

  await app.register(healthRoutes);
  await app.register(api, { prefix: '/api/v1' });
  return app;
}
