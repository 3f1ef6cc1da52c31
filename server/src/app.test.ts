import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createTestDatabase, type TestDatabase, testConfig } from './testing/test-app';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** An app with one extra route that answers with the client address Fastify settled on. */
async function appWithAddressRoute(overrides: Record<string, string>): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(database.url, overrides));
  app.get('/api/v1/test-client-address', async (request) => ({ ip: request.ip }));
  await app.ready();
  return app;
}

/** A made-up address, as a client would put it at the start of X-Forwarded-For. */
const forgedAddress = () => [...randomBytes(4)].join('.');

/** The proxy in front of the API (what the socket shows) and the client it saw. */
const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.7';

describe('client address behind one proxy (TRUST_PROXY=1)', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await appWithAddressRoute({ TRUST_PROXY: '1', RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await app.close();
  });

  const fromBehindProxy = (forwardedFor: string) =>
    app.inject({
      method: 'GET',
      url: '/api/v1/test-client-address',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('takes the address the proxy appended, not what the client wrote before it', async () => {
    const response = await fromBehindProxy(`${forgedAddress()}, 198.51.100.1, ${CLIENT}`);
    expect(response.json()).toEqual({ ip: CLIENT });
  });

  it('counts a client against one rate-limit budget however it varies X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) statuses.push((await fromBehindProxy(`${forgedAddress()}, 198.51.100.9`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('client address without a trusted proxy (TRUST_PROXY unset)', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await appWithAddressRoute({});
  });
  afterAll(async () => {
    await app.close();
  });

  it('ignores X-Forwarded-For and keeps the address of the socket', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/test-client-address',
      remoteAddress: CLIENT,
      headers: { 'x-forwarded-for': forgedAddress() },
    });
    expect(response.json()).toEqual({ ip: CLIENT });
  });
});
