import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createTestApp, type TestApp, testConfig } from '../../testing/test-app';

describe('health', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('is alive', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
  });
});

describe('with the database down', () => {
  // Nothing listens on port 1, so every connection is refused at once.
  const config = testConfig('mysql://root@127.0.0.1:1/veterans');

  it('reports not ready and answers data routes with 503 SERVICE_UNAVAILABLE', async () => {
    const app = await buildApp(config);
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.code).toBe('SERVICE_UNAVAILABLE');

      const units = await app.inject({ method: 'GET', url: '/api/v1/org-units' });
      expect(units.statusCode).toBe(503);
      expect(units.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } });

      // The catalog needs no database and keeps working.
      const services = await app.inject({ method: 'GET', url: '/api/v1/services' });
      expect(services.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
