import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe('rate limit', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => ctx.close());

  it('counts requests that fail authentication, so guessing tokens is not free', async () => {
    const answers = [];
    for (let n = 0; n < 4; n++) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer guess-${n}` },
        remoteAddress: '203.0.113.7',
      });
      answers.push(response.statusCode);
    }
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  it('keeps each client to its own budget and leaves the health checks alone', async () => {
    const other = await ctx.app.inject({ method: 'GET', url: '/api/v1/services', remoteAddress: '203.0.113.8' });
    expect(other.statusCode).toBe(200);
    for (let n = 0; n < 5; n++) {
      const health = await ctx.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '203.0.113.7' });
      expect(health.statusCode).toBe(200);
    }
  });
});
