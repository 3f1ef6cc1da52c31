import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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

describe('request timeout (REQUEST_TIMEOUT_MS)', () => {
  const TIMEOUT_MS = 1000;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = await buildApp(testConfig(database.url, { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) }));
    app.post('/api/v1/test-slow-body', { schema: { body: z.object({ text: z.string() }) } }, async () => ({}));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  /** Sends `head`, then one byte of body every 100 ms; resolves with what came back once the server hangs up. */
  function drip(head: string, body: string): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < body.length && socket.writable) socket.write(body[sent++] ?? '');
      }, 100);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        answer += chunk;
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
      socket.on('connect', () => socket.write(head));
      setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error('the server kept the dripping connection open'));
      }, 10 * TIMEOUT_MS);
    });
  }

  it('answers 408 and closes the connection of a client dripping its body', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(200) });
    const head =
      `POST /api/v1/test-slow-body HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`;
    const { answer, closedAfterMs } = await drip(head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(closedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    // The limit plus Node's once-a-second check, and a margin for a busy machine.
    expect(closedAfterMs).toBeLessThan(TIMEOUT_MS + 2500);
  });

  it('closes the connection of a client dripping its headers', async () => {
    const { answer, closedAfterMs } = await drip('', 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: yes');
    expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
    expect(closedAfterMs).toBeLessThan(TIMEOUT_MS + 2500);
  });
});
