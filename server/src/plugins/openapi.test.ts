import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestDatabase, type TestDatabase, testConfig } from '../testing/test-app';

/** Everything NODE_ENV=production insists on, with made-up values. */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-jwt-secret-for-this-test-only-0123456789',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  WECHAT_APP_ID: 'wx-test-production',
  WECHAT_APP_SECRET: 'test-production-secret',
  SMS_PROVIDER: 'aliyun',
  ALIYUN_ACCESS_KEY_ID: 'test-key-id',
  ALIYUN_ACCESS_KEY_SECRET: 'test-key-secret',
  ALIYUN_SMS_SIGN_NAME: '测试签名',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000000001',
  OUTBOX_WORKER: '0',
};

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function appWith(overrides: Record<string, string>): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(database.url, overrides));
  await app.ready();
  return app;
}

describe.each<{ setting: string; overrides: Record<string, string>; served: boolean }>([
  { setting: 'production', overrides: PRODUCTION, served: false },
  { setting: 'production with API_DOCS=1', overrides: { ...PRODUCTION, API_DOCS: '1' }, served: true },
  { setting: 'test', overrides: {}, served: true },
  { setting: 'test with API_DOCS=0', overrides: { API_DOCS: '0' }, served: false },
])('API documentation under $setting', ({ overrides, served }) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await appWith(overrides);
  });
  afterAll(async () => {
    await app.close();
  });

  it(served ? 'serves /openapi.json and /docs' : 'answers /openapi.json and /docs with 404', async () => {
    const document = await app.inject({ method: 'GET', url: '/openapi.json' });
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    if (served) {
      expect(document.statusCode).toBe(200);
      expect(Object.keys(document.json().paths)).toContain('/api/v1/admin/staff');
      expect(ui.statusCode).toBeLessThan(400);
    } else {
      for (const response of [document, ui]) {
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
    }
  });

  it('still generates the document for app.swagger()', () => {
    const document = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/admin/staff');
  });
});
