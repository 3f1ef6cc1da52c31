import { randomUUID } from 'node:crypto';
import type { FastifyLoggerOptions, FastifyServerOptions, RawRequestDefaultExpression } from 'fastify';
import type { Config } from './config';
import { describeErrorForLog, type LoggedError } from './plugins/error-handler';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller's request id when it looks sane, so logs can be followed across services. */
export function requestIdFor(request: RawRequestDefaultExpression): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/** Fields that must never reach a log line, wherever they appear in a logged object. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-wx-openid"]',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'newPassword',
    'idNumber',
    'phone',
    'name',
    'token',
    'accessToken',
    'refreshToken',
    'sessionKey',
    'openid',
  ].map((key) => `*.${key}`),
];

/** `stream`: where the lines go instead of stdout (tests read them). */
export function loggerOptions(config: Config, stream?: FastifyLoggerOptions['stream']): FastifyServerOptions['logger'] {
  if (config.LOG_LEVEL === 'silent') return false;
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // The query string can carry search terms and phone numbers: log the path only.
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
      }),
      // Any error logged as `err` (by a job, by Fastify itself) loses what a failed statement put in it.
      // Objects that are not errors were built for the log on purpose (e.g. by the error handler) and pass as they are.
      err: (error) => (error instanceof Error ? describeErrorForLog(error) : (error as LoggedError)),
    },
    hooks: {
      // A line whose message is an error's own message (`log.error(error)`, Fastify's fallback error log) gets
      // the described message instead: a failed statement's message holds its bound values.
      logMethod(args, method) {
        const [first, message, ...rest] = args as unknown[];
        const error = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
        if (!(error instanceof Error) || (message !== undefined && message !== error.message)) {
          return method.apply(this, args);
        }
        const fields = first instanceof Error ? { err: first } : first;
        return method.apply(this, [fields, describeErrorForLog(error).message, ...rest] as Parameters<typeof method>);
      },
    },
    ...(stream ? { stream } : {}),
  };
}
