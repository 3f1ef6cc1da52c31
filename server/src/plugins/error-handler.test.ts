import { errorEnvelopeSchema } from '@veterans/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import mysql, { type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app';
import { AppError } from '../lib/app-error';
import { createTestDatabase, type TestDatabase, testConfig } from '../testing/test-app';
import { describeErrorForLog, toErrorResponse } from './error-handler';

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

/** Made-up personal data, bound as statement parameters below: none of it may reach a log line. */
const ID_NUMBER = '110101199003074518';
const PHONE = '13912345678';
const SECOND_ID_NUMBER = '41100219880512213X';
const SECOND_PHONE = '15098765432';
const PERSONAL_VALUES = [ID_NUMBER, PHONE, SECOND_ID_NUMBER, SECOND_PHONE];

describe('error log', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let rawPool: Pool;
  const lines: string[] = [];
  const logStream = { write: (line: string) => lines.push(line) };

  /** A statement that fails the way a real one does, with drizzle's wrapper around mysql2's error. */
  const duplicateInsert = () =>
    app.db.execute(sql`INSERT INTO log_probe (id_number, phone) VALUES (${ID_NUMBER}, ${PHONE})`);

  beforeAll(async () => {
    database = await createTestDatabase();
    rawPool = mysql.createPool({ uri: database.url, connectionLimit: 1 });
    app = await buildApp(testConfig(database.url, { LOG_LEVEL: 'trace', DATABASE_STATEMENT_TIMEOUT_MS: '300' }), {
      logStream,
    });
    app.post('/api/v1/test-duplicate', async () => duplicateInsert());
    app.get('/api/v1/test-slow-statement', async () =>
      app.db.execute(sql`SELECT SLEEP(3), ${SECOND_PHONE} AS phone, ${SECOND_ID_NUMBER} AS id_number`),
    );
    // mysql2's query() inlines the values into the SQL text it keeps on its error.
    app.post('/api/v1/test-inlined-values', async () =>
      rawPool.query('INSERT INTO log_probe (id_number, phone) VALUES (?, ?)', [ID_NUMBER, SECOND_PHONE]),
    );
    await app.ready();
    await app.db.execute(sql`CREATE TABLE log_probe (id_number VARCHAR(18) PRIMARY KEY, phone VARCHAR(11))`);
    await app.db.execute(sql`INSERT INTO log_probe (id_number, phone) VALUES (${ID_NUMBER}, ${PHONE})`);
  });
  afterAll(async () => {
    await app.close();
    await rawPool.end();
    await database.drop();
  });

  const failedRequestLines = () =>
    lines.map((line) => JSON.parse(line) as { msg: string; err?: Record<string, unknown> }).filter((line) => line.err);

  it('keeps bound values of failed statements out of every line', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/test-duplicate' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'GET', url: '/api/v1/test-slow-statement' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'POST', url: '/api/v1/test-inlined-values' })).statusCode).toBe(500);
    // A job outside any request logs what it caught, as the outbox worker does.
    const caught = await duplicateInsert().catch((error: unknown) => error);
    app.log.error({ err: caught }, 'job failed');
    app.log.error(caught as Error);

    const logged = failedRequestLines();
    expect(logged.map((line) => line.msg)).toEqual([
      'request failed',
      'request failed',
      'request failed',
      'job failed',
      'query failed',
    ]);
    expect(logged.map((line) => line.err?.code)).toEqual([
      'ER_DUP_ENTRY',
      undefined,
      'ER_DUP_ENTRY',
      'ER_DUP_ENTRY',
      'ER_DUP_ENTRY',
    ]);
    expect(logged[1]?.err?.errno).toBe(1969);
    for (const line of lines) {
      for (const value of PERSONAL_VALUES) expect(line).not.toContain(value);
    }
  });

  it('keeps the message of an error that did not come from a statement, up to any "params:"', () => {
    expect(describeErrorForLog(new Error('upload storage unreachable')).message).toBe('upload storage unreachable');
    const described = describeErrorForLog(new Error(`lookup failed\nparams: ${PHONE}`, { cause: new Error('inner') }));
    expect(described.message).toBe('lookup failed');
    expect(described.causes).toEqual([{ type: 'Error' }]);
    expect(JSON.stringify(described)).not.toContain(PHONE);
  });
});
