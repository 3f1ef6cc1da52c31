import { STATUS_CODES as HTTP_REASONS } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, type ErrorEnvelope, errorCatalog, type FieldIssue } from '@veterans/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/app-error';
import { isDatabaseUnavailable } from '../lib/database-errors';

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
  if (isDatabaseUnavailable(error)) return respond('SERVICE_UNAVAILABLE');
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

/**
 * What the log may keep of a failed request. Query errors carry SQL text and bound parameters,
 * which can hold personal data, so only the type, the driver code and the stack's frames are kept.
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = (error as { cause?: unknown }).cause;
  const driverCode = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const isQueryError = error.name === 'DrizzleQueryError' || typeof (error as { sql?: unknown }).sql === 'string';
  return {
    type: error.name,
    code: driverCode,
    message: isQueryError ? 'query failed' : error.message,
    stack: error.stack?.split('\n').slice(1, 8).join('\n'),
  };
}

/** Errors Fastify raises before routing (bad URL encoding, over-long path parameters): the same envelope. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { statusCode, body } = toErrorResponse(error);
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
    if (statusCode >= 500) request.log.error({ err: describeErrorForLog(error) }, 'request failed');
    else request.log.info({ code: body.error.code }, 'request rejected');
    return reply.status(statusCode).send(body);
  });
}

export default fp(errorHandler, { name: 'error-handler' });
