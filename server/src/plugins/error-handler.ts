import { STATUS_CODES as HTTP_REASONS } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, type ErrorEnvelope, errorCatalog, type FieldIssue } from '@veterans/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/app-error';
import { isDatabaseUnavailable, isRetryableConflict } from '../lib/database-errors';

export interface ErrorResponse {
  statusCode: number;
  body: ErrorEnvelope;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
};

/** Seconds a client should wait before retrying a 503 (the load-shedding plugin uses the same). */
export const RETRY_AFTER_SECONDS = '5';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export function envelope(code: ErrorCode, message: string = errorCatalog[code].message, details?: FieldIssue[]) {
  return { error: details ? { code, message, details } : { code, message } };
}

function respond(code: ErrorCode, message?: string, details?: FieldIssue[]): ErrorResponse {
  return { statusCode: errorCatalog[code].status, body: envelope(code, message, details) };
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return { path: field ? `${context}.${field}` : context, message: issue.message ?? '格式不正确' };
  });
}

/** Decides what the client sees for any error: always the envelope, never internals. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof AppError) return respond(error.code, error.message, error.details);
  // A conflict that escaped (or outlasted) the retries of db/transaction.ts is load, not a bug: come back later.
  if (isDatabaseUnavailable(error) || isRetryableConflict(error)) return respond('SERVICE_UNAVAILABLE');
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || fastifyError.validation) {
    return respond('VALIDATION_FAILED', undefined, validationIssues(fastifyError));
  }
  const byCode = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (byCode) return respond(byCode);
  const status = fastifyError.statusCode;
  if (error instanceof SyntaxError && status === 400) return respond('MALFORMED_JSON');
  if (status && status >= 400 && status < 500) return respond(STATUS_CODES[status] ?? 'BAD_REQUEST');
  if (status === 503) return respond('SERVICE_UNAVAILABLE');
  return respond('INTERNAL_ERROR');
}

/** Properties only errors of a statement have (drizzle's wrapper, mysql2's server errors); their text may hold its values. */
const STATEMENT_ERROR_PROPERTIES = ['query', 'params', 'sql', 'sqlMessage', 'sqlState'];
const MAX_CAUSES = 5;

/** The error and what it wraps (`cause`), outermost first; a loop or a very deep chain is cut short. */
export function causeChain(error: Error): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !chain.includes(current) && chain.length <= MAX_CAUSES) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function isStatementError(error: object): boolean {
  const message = (error as { message?: unknown }).message;
  return (
    STATEMENT_ERROR_PROPERTIES.some((property) => property in error) ||
    (typeof message === 'string' && message.startsWith('Failed query:'))
  );
}

function typeOf(error: object): string {
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : typeof error;
}

/** mysql2's code (`ER_DUP_ENTRY`, `ECONNREFUSED`); `errno` where the server's error has no name (1969: statement time). */
function codesOf(error: object): { code?: string; errno?: number } {
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof errno === 'number' ? { errno } : {}),
  };
}

export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  code?: string;
  errno?: number;
  causes?: { type: string; code?: string; errno?: number }[];
  [key: string]: unknown;
}

/**
 * What the log may keep of an error. A failed statement carries its bound values, and those can be ID and phone
 * numbers: drizzle's DrizzleQueryError in `params` and in its message ("Failed query: … params: 110101…", which
 * the stack repeats), mysql2's error in `sql` (values inlined by `query()`) and in messages such as
 * "Duplicate entry '1380013…' for key …". So of every error in the cause chain only the type and the driver code
 * are kept; the message only when nothing in the chain is a statement's error, and never past a "params:"; the
 * stack only as its frames.
 */
export function describeErrorForLog(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const chain = causeChain(error);
  const causes = chain.slice(1);
  const fromStatement = chain.some(isStatementError);
  return {
    type: error.name,
    ...chain.map(codesOf).find((codes) => codes.code ?? codes.errno),
    message: fromStatement ? 'query failed' : error.message.replace(/\s*\bparams:[\s\S]*$/, ''),
    ...(causes.length > 0 ? { causes: causes.map((cause) => ({ type: typeOf(cause), ...codesOf(cause) })) } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 7)
      .join('\n'),
  };
}

/** Errors Fastify raises before routing (bad URL encoding, over-long path parameters): the same envelope. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { statusCode, body } = toErrorResponse(error);
  if (statusCode === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  reply.status(statusCode).send(body);
}

const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/** Errors Node's HTTP parser raises before Fastify sees a request: answered on the socket, in the envelope. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERROR_CODES[error.code ?? ''] ?? 'BAD_REQUEST';
  const { status } = errorCatalog[code];
  const body = JSON.stringify(envelope(code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${HTTP_REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = toErrorResponse(error);
    // Every 503 is temporary (database away, conflicts outlasting the retries, shed load): say when to retry.
    if (statusCode === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (statusCode >= 500) request.log.error({ err: describeErrorForLog(error) }, 'request failed');
    else request.log.info({ code: body.error.code }, 'request rejected');
    return reply.status(statusCode).send(body);
  });
}

export default fp(errorHandler, { name: 'error-handler' });
