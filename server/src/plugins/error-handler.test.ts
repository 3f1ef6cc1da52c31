import { errorEnvelopeSchema } from '@veterans/shared';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app';
import { AppError } from '../lib/app-error';
import { createTestDatabase, type TestDatabase, testConfig } from '../testing/test-app';
import { toErrorResponse } from './error-handler';

/** A route with a strict body, standing in for any write endpoint of the API. */
const echoRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/test-echo',
    {
      schema: {
        body: z.strictObject({ name: z.string().min(1).max(20), age: z.number().int().min(0) }),
      },
    },
    async (request) => request.body,
  );
  app.get('/api/v1/test-crash', async () => {
    throw new Error('secret internal detail');
  });
};

describe('error envelope', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(testConfig(database.url));
    await app.register(echoRoute);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const post = (payload: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/test-echo',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ name: '张三', age: 60 }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: '张三', age: 60 });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await post('{"name": ');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers wrong types with 400 VALIDATION_FAILED, field paths and Chinese messages', async () => {
    const response = await post(JSON.stringify({ name: 5, age: 'old' }));
    expect(response.statusCode).toBe(400);
    const { error } = errorEnvelopeSchema.parse(response.json());
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((issue) => issue.path).sort()).toEqual(['body.age', 'body.name']);
    for (const issue of error.details ?? []) expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('rejects unknown fields', async () => {
    const response = await post(JSON.stringify({ name: '张三', age: 60, isAdmin: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.json().error.details)).toContain('isAdmin');
  });

  it('answers an oversize body with 413', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), age: 1 }));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await post('name=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe('NOT_FOUND');
  });

  it('hides internal errors behind a 500 envelope', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' } });
    expect(response.body).not.toContain('secret internal detail');
  });

  it('echoes a request id header', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-12345' } });
    expect(response.headers['x-request-id']).toBe('abc-12345');
  });
});

describe('toErrorResponse', () => {
  it('keeps an AppError as it is', () => {
    expect(toErrorResponse(new AppError('FORBIDDEN'))).toEqual({
      statusCode: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } },
    });
  });

  it('maps a wrapped lost connection to 503 without its text', () => {
    const driverError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('Failed query: select * from users where phone = ?'), {
      name: 'DrizzleQueryError',
      cause: driverError,
    });
    const response = toErrorResponse(wrapped);
    expect(response.statusCode).toBe(503);
    expect(JSON.stringify(response.body)).not.toContain('select');
  });
});
