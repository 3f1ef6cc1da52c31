import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { DEMO_WECHAT_APP_ID } from '../../config';
import { wechatAccessTokens } from '../../db/schema/index';
import { FAKE_SLOW_CODE, type FakeWechat, startFakeWechat } from '../../testing/fake-wechat';
import { bearer, createCitizen } from '../../testing/fixtures';
import { createTestApp, type TestApp, testConfig } from '../../testing/test-app';
import { createWechatClient, type WechatClient } from './client';
import { ACCESS_TOKEN_REFRESH_MARGIN_MS } from './token-store';

let phoneSequence = 0;
const newPhone = () => `158${String(Date.now() % 10_000).padStart(4, '0')}${String(phoneSequence++).padStart(4, '0')}`;

function clientFor(
  app: FastifyInstance,
  overrides: Partial<Parameters<typeof createWechatClient>[0]> = {},
): WechatClient {
  return createWechatClient({ config: app.config, db: app.db, redis: app.redis, log: app.log, ...overrides });
}

describe('WeChat access token, shared through the database', () => {
  let fake: FakeWechat;
  let ctx: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    fake = await startFakeWechat();
    ctx = await createTestApp({ WECHAT_API_BASE: fake.baseUrl });
    // A second API instance on the same database, as behind a load balancer.
    second = await buildApp(testConfig(ctx.database.url, { WECHAT_API_BASE: fake.baseUrl }));
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await ctx.close();
    await fake.close();
  });
  beforeEach(async () => {
    await ctx.app.db.delete(wechatAccessTokens);
    fake.tokenFetches = 0;
    fake.phoneCalls.length = 0;
  });

  const bindPhone = async (app: FastifyInstance, phone = newPhone()) => {
    const citizen = await createCitizen(app);
    return app.inject({
      method: 'POST',
      url: '/api/v1/me/phone',
      headers: bearer(citizen.token),
      payload: { code: fake.phoneCode(phone) },
    });
  };
  const storedToken = async () => {
    const [row] = await ctx.app.db
      .select()
      .from(wechatAccessTokens)
      .where(eq(wechatAccessTokens.appId, DEMO_WECHAT_APP_ID));
    return row;
  };

  it('fetches one token for many phone bindings', async () => {
    for (let count = 0; count < 5; count++) expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(1);
    const row = await storedToken();
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
    expect(new Set(fake.phoneCalls.map((call) => call.accessToken))).toEqual(new Set([row?.token]));
  });

  it('shares the token between two API instances', async () => {
    expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    expect((await bindPhone(second)).statusCode).toBe(200);
    expect((await bindPhone(second)).statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(1);
  });

  it('does not stampede: many concurrent callers on two instances cause one fetch', async () => {
    const clients = [clientFor(ctx.app), clientFor(second)];
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, index) => clients[index % 2]?.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenFetches).toBe(1);
  });

  it('refreshes the token when less than five minutes remain', async () => {
    const client = clientFor(ctx.app);
    const first = await client.accessToken();
    await ctx.app.db
      .update(wechatAccessTokens)
      .set({ expiresAt: new Date(Date.now() + ACCESS_TOKEN_REFRESH_MARGIN_MS - 10_000) })
      .where(eq(wechatAccessTokens.appId, DEMO_WECHAT_APP_ID));
    const refreshed = await client.accessToken();
    expect(refreshed).not.toBe(first);
    expect(fake.tokenFetches).toBe(2);
    expect(await clientFor(second).accessToken()).toBe(refreshed);
    expect(fake.tokenFetches).toBe(2);
  });

  it('fetches a new token and retries once when WeChat rejects the cached one (40001)', async () => {
    expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    fake.revokeTokens();
    const response = await bindPhone(second);
    expect(response.statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(2);
    expect(fake.phoneCalls.map((call) => call.errcode)).toEqual([0, 40001, 0]);
    // The other instance uses the replacement without fetching again.
    expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(2);
  });

  it('does the same for a token WeChat considers expired (42001)', async () => {
    expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    fake.expireTokens();
    expect((await bindPhone(ctx.app)).statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(2);
  });

  it('retries only once', async () => {
    fake.scriptPhoneErrors(40001, 40001);
    const response = await bindPhone(ctx.app);
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('WECHAT_UNAVAILABLE');
    expect(fake.phoneCalls).toHaveLength(2);
    expect(fake.tokenFetches).toBe(2);
  });

  it('maps phone API errors like the login ones', async () => {
    fake.scriptPhoneErrors(45011);
    expect((await bindPhone(ctx.app)).json().error.code).toBe('WECHAT_RATE_LIMITED');
    fake.scriptPhoneErrors(-1);
    expect((await bindPhone(ctx.app)).json().error.code).toBe('WECHAT_UNAVAILABLE');
  });
});

describe('WeChat client failures', () => {
  let fake: FakeWechat;
  let ctx: TestApp;
  beforeAll(async () => {
    fake = await startFakeWechat({ slowMs: 2000 });
    ctx = await createTestApp({ WECHAT_API_BASE: fake.baseUrl });
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
  });

  it('gives up after the timeout with WECHAT_UNAVAILABLE', async () => {
    const client = clientFor(ctx.app, { timeoutMs: 200 });
    const started = Date.now();
    await expect(client.code2session(FAKE_SLOW_CODE)).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers WECHAT_UNAVAILABLE when WeChat cannot be reached', async () => {
    const client = clientFor(ctx.app, { config: { ...ctx.app.config, WECHAT_API_BASE: 'http://127.0.0.1:1' } });
    await expect(client.code2session('any')).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE', statusCode: 502 });
  });

  it('answers WECHAT_UNAVAILABLE when WeChat refuses the app secret, and caches nothing', async () => {
    const client = clientFor(ctx.app, { config: { ...ctx.app.config, WECHAT_APP_SECRET: 'a-wrong-secret' } });
    await expect(client.accessToken()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    const [row] = await ctx.app.db.select().from(wechatAccessTokens);
    expect(row?.token ?? '').toBe('');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRedis(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!hasRedisServer)('WeChat access token, shared through Redis', () => {
  let fake: FakeWechat;
  let redisProcess: ChildProcess;
  let redisUrl: string;
  let ctx: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redisProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitForRedis(redisUrl);
    fake = await startFakeWechat();
    ctx = await createTestApp({ WECHAT_API_BASE: fake.baseUrl, REDIS_URL: redisUrl });
    second = await buildApp(testConfig(ctx.database.url, { WECHAT_API_BASE: fake.baseUrl, REDIS_URL: redisUrl }));
    await second.ready();
    for (const app of [ctx.app, second]) {
      if (app.redis?.status !== 'ready') await new Promise((resolve) => app.redis?.once('ready', resolve));
    }
  });
  afterAll(async () => {
    await second?.close();
    await ctx?.close();
    await fake?.close();
    if (redisProcess && redisProcess.exitCode === null) {
      const exited = new Promise((resolve) => redisProcess.once('exit', resolve));
      redisProcess.kill();
      await exited;
    }
  });

  it('keeps one token in Redis for both instances, fetched once under concurrency', async () => {
    const clients = [clientFor(ctx.app), clientFor(second)];
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, index) => clients[index % 2]?.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenFetches).toBe(1);
    const stored = await ctx.app.redis?.get(`veterans:wechat-access-token:${DEMO_WECHAT_APP_ID}`);
    expect(stored).toContain(tokens[0]);
    const ttl = (await ctx.app.redis?.pttl(`veterans:wechat-access-token:${DEMO_WECHAT_APP_ID}`)) ?? 0;
    expect(ttl).toBeGreaterThan(7000 * 1000);
    expect(await ctx.app.db.select().from(wechatAccessTokens)).toHaveLength(0);
  });

  it('replaces a token WeChat rejected, once, for both instances', async () => {
    const citizen = await createCitizen(ctx.app);
    fake.revokeTokens();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/me/phone',
      headers: bearer(citizen.token),
      payload: { code: fake.phoneCode(newPhone()) },
    });
    expect(response.statusCode).toBe(200);
    expect(fake.tokenFetches).toBe(2);
    await clientFor(second).accessToken();
    expect(fake.tokenFetches).toBe(2);
  });

  it('refreshes when less than five minutes remain', async () => {
    const key = `veterans:wechat-access-token:${DEMO_WECHAT_APP_ID}`;
    const value = (await ctx.app.redis?.get(key)) as string;
    const token = value.slice(value.indexOf(':') + 1);
    await ctx.app.redis?.set(key, `${Date.now() + 60_000}:${token}`, 'PX', 60_000);
    const fresh = await clientFor(second).accessToken();
    expect(fresh).not.toBe(token);
    expect(fake.tokenFetches).toBe(3);
  });
});
