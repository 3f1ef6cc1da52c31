import type { Principal } from '@veterans/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { API_BASE } from './base-url';
import { ApiError, request, SESSION_EXPIRED_MESSAGE } from './client';
import { SESSION_STORAGE_KEY, type StoredSession, session } from './session';

const taro = await vi.hoisted(async () => (await import('../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

const okSchema = z.object({ ok: z.literal(true) });

const citizen: Principal = {
  id: 7,
  type: 'citizen',
  role: 'veteran',
  displayName: '张*',
  unitId: null,
  unitLevel: null,
  isSupervisor: false,
  mustChangePassword: false,
};
const staff: Principal = { ...citizen, id: 3, type: 'staff', role: 'staff', displayName: '王工', unitId: 2 };

function signedIn(user: Principal = citizen, generation = 0): StoredSession {
  const value = { accessToken: `access-${generation}`, refreshToken: `refresh-token-${generation}-abcdefghij`, user };
  session.set(value);
  return value;
}

type Call = { url: string; method: string; header: Record<string, string>; data?: unknown };
type Reply = { statusCode: number; data: unknown };

const expired = (code = 'TOKEN_EXPIRED'): Reply => ({
  statusCode: 401,
  data: { error: { code, message: '登录已过期，请重新登录' } },
});

/**
 * A fake API: `/auth/refresh` answers with `refreshReply` (a new generation of tokens by default), any other path
 * succeeds for the current generation's access token and answers 401 TOKEN_EXPIRED otherwise.
 */
function fakeServer(options: { refreshReply?: () => Reply | Promise<Reply>; delays?: Record<string, number> } = {}) {
  let generation = 0;
  const calls: Call[] = [];
  taro.request.mockImplementation(async (call: Call) => {
    calls.push(call);
    if (call.url === `${API_BASE}/auth/refresh`) {
      if (options.refreshReply) return options.refreshReply();
      // Let concurrent callers pile up before the answer comes back.
      await new Promise((resolve) => setTimeout(resolve, 5));
      generation += 1;
      return {
        statusCode: 200,
        data: {
          accessToken: `access-${generation}`,
          accessTokenExpiresIn: 900,
          refreshToken: `refresh-token-${generation}-abcdefghij`,
          user: session.get()?.user ?? citizen,
        },
      };
    }
    // Checked on arrival, answered after the path's delay (a slow response).
    const valid = call.header.Authorization === `Bearer access-${generation}`;
    const delay = options.delays?.[call.url.slice(API_BASE.length)] ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return valid ? { statusCode: 200, data: { ok: true } } : expired();
  });
  return {
    calls,
    refreshCalls: () => calls.filter((call) => call.url.endsWith('/auth/refresh')),
    expireAccessToken: () => {
      generation += 1;
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeEach(() => {
  taro.reset();
  session.clear();
});

afterEach(() => {
  vi.clearAllMocks();
});

describe('session storage', () => {
  it('keeps the tokens and the user in storage, and forgets them on clear', () => {
    const value = signedIn();
    expect(taro.storage.get(SESSION_STORAGE_KEY)).toEqual(value);
    session.clear();
    expect(taro.storage.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(session.get()).toBeNull();
  });

  it('ignores a stored value of the wrong shape', () => {
    taro.storage.set(SESSION_STORAGE_KEY, { accessToken: 'a' });
    expect(session.reload()).toBeNull();
  });

  it('tells subscribers about sign-in and sign-out', () => {
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    signedIn();
    session.clear();
    unsubscribe();
    signedIn();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('silent refresh', () => {
  it('renews an expired access token once and retries the request with the new one', async () => {
    signedIn();
    const server = fakeServer();
    server.expireAccessToken();
    taro.request.mockClear();

    await expect(request('GET', '/me', { schema: okSchema })).resolves.toEqual({ ok: true });

    expect(server.refreshCalls()).toHaveLength(1);
    expect(server.refreshCalls()[0]?.data).toEqual({ refreshToken: 'refresh-token-0-abcdefghij' });
    expect(server.refreshCalls()[0]?.header.Authorization).toBeUndefined();
    const retried = server.calls.filter((call) => call.url.endsWith('/me'));
    expect(retried.map((call) => call.header.Authorization)).toEqual(['Bearer access-0', 'Bearer access-2']);
    expect(session.get()?.refreshToken).toBe('refresh-token-2-abcdefghij');
    expect(taro.storage.get(SESSION_STORAGE_KEY)).toMatchObject({ accessToken: 'access-2' });
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('renews on INVALID_TOKEN too', async () => {
    signedIn();
    taro.request
      .mockResolvedValueOnce(expired('INVALID_TOKEN'))
      .mockResolvedValueOnce({
        statusCode: 200,
        data: {
          accessToken: 'access-1',
          accessTokenExpiresIn: 900,
          refreshToken: 'refresh-token-1-abcdefghij',
          user: citizen,
        },
      })
      .mockResolvedValueOnce({ statusCode: 200, data: { ok: true } });
    await expect(request('GET', '/me', { schema: okSchema })).resolves.toEqual({ ok: true });
    expect(taro.request).toHaveBeenCalledTimes(3);
  });

  it('shares one refresh among concurrent requests that all found the token expired', async () => {
    signedIn();
    const server = fakeServer();
    server.expireAccessToken();

    const results = await Promise.all(
      ['/me', '/me/family-links', '/requests', '/notifications'].map((path) =>
        request('GET', path, { schema: okSchema }),
      ),
    );

    expect(results).toEqual(Array(4).fill({ ok: true }));
    expect(server.refreshCalls()).toHaveLength(1);
    expect(session.get()?.accessToken).toBe('access-2');
  });

  it('does not refresh again for a request whose 401 arrives after the session was renewed', async () => {
    signedIn();
    const server = fakeServer({ delays: { '/slow': 40 } });
    server.expireAccessToken();
    // Both leave with access-0; /me fails first and renews; /slow's 401 arrives after the renewal finished.
    const [fast, slow] = await Promise.all([
      request('GET', '/me', { schema: okSchema }),
      request('GET', '/slow', { schema: okSchema }),
    ]);
    expect([fast, slow]).toEqual([{ ok: true }, { ok: true }]);
    expect(server.refreshCalls()).toHaveLength(1);
    const slowCalls = server.calls.filter((call) => call.url.endsWith('/slow'));
    expect(slowCalls.map((call) => call.header.Authorization)).toEqual(['Bearer access-0', 'Bearer access-2']);
  });

  it('uses tokens another tab renewed meanwhile instead of presenting a rotated refresh token', async () => {
    signedIn();
    const server = fakeServer();
    server.expireAccessToken();
    server.expireAccessToken();
    // Another tab rotated the pair: storage has generation 2, this tab still holds generation 0 in memory.
    taro.storage.set(SESSION_STORAGE_KEY, {
      accessToken: 'access-2',
      refreshToken: 'refresh-token-2-abcdefghij',
      user: citizen,
    });

    await expect(request('GET', '/me', { schema: okSchema })).resolves.toEqual({ ok: true });
    expect(server.refreshCalls()).toHaveLength(0);
  });

  it('never refreshes for sign-in calls: their 401 means wrong credentials', async () => {
    signedIn();
    taro.request.mockResolvedValueOnce({
      statusCode: 401,
      data: { error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } },
    });
    const error = await failure(
      request('POST', '/auth/staff/login', {
        schema: okSchema,
        body: { username: 'a', password: 'b' },
        anonymous: true,
      }),
    );
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(taro.request).toHaveBeenCalledTimes(1);
    expect(taro.request.mock.calls[0]?.[0].header.Authorization).toBeUndefined();
    expect(session.get()).not.toBeNull();
  });

  it('does not refresh for other 401 codes', async () => {
    signedIn();
    taro.request.mockResolvedValueOnce({
      statusCode: 401,
      data: { error: { code: 'UNAUTHORIZED', message: '请先登录' } },
    });
    const error = await failure(request('GET', '/me', { schema: okSchema }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(taro.request).toHaveBeenCalledTimes(1);
  });
});

describe('when the session cannot be renewed', () => {
  it('clears it and opens sign-in with a redirect back to the current page', async () => {
    taro.pages.push({ route: 'pages/mine/index', options: {} });
    taro.pages.push({ route: 'subpackages/account/identity/index', options: { from: 'mine' } });
    signedIn();
    fakeServer({ refreshReply: () => expired('REFRESH_TOKEN_INVALID') }).expireAccessToken();

    const error = await failure(request('PUT', '/me/identity', { schema: okSchema, body: { name: '张三' } }));

    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', status: 401, message: SESSION_EXPIRED_MESSAGE });
    expect(session.get()).toBeNull();
    expect(taro.storage.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(taro.navigateTo).toHaveBeenCalledTimes(1);
    const url: string = taro.navigateTo.mock.calls[0]?.[0].url ?? '';
    expect(url.split('?')[0]).toBe('/subpackages/account/sign-in/index');
    expect(new URLSearchParams(url.split('?')[1]).get('redirect')).toBe(
      '/subpackages/account/identity/index?from=mine',
    );
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: SESSION_EXPIRED_MESSAGE }));
  });

  it('opens sign-in once for many requests failing together', async () => {
    taro.pages.push({ route: 'pages/mine/index', options: {} });
    signedIn();
    const server = fakeServer({ refreshReply: () => expired('REFRESH_TOKEN_INVALID') });
    server.expireAccessToken();

    const errors = await Promise.all(
      ['/me', '/me/family-links', '/requests'].map((path) => failure(request('GET', path, { schema: okSchema }))),
    );

    expect(errors.map((error) => error.code)).toEqual(['SESSION_EXPIRED', 'SESSION_EXPIRED', 'SESSION_EXPIRED']);
    expect(server.refreshCalls()).toHaveLength(1);
    expect(taro.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('tells the user when the server saw a stolen refresh token', async () => {
    taro.pages.push({ route: 'pages/mine/index', options: {} });
    signedIn();
    fakeServer({
      refreshReply: () => ({
        statusCode: 401,
        data: { error: { code: 'REFRESH_TOKEN_REUSED', message: '检测到登录凭证被重复使用，请重新登录' } },
      }),
    }).expireAccessToken();
    const error = await failure(request('GET', '/me', { schema: okSchema }));
    expect(error.message).toBe('检测到登录凭证被重复使用，请重新登录');
  });

  it('sends staff to the staff sign-in page', async () => {
    taro.pages.push({ route: 'subpackages/staff/workbench/index', options: {} });
    signedIn(staff);
    fakeServer({ refreshReply: () => expired('REFRESH_TOKEN_INVALID') }).expireAccessToken();
    await failure(request('GET', '/staff/requests', { schema: okSchema }));
    const url: string = taro.navigateTo.mock.calls[0]?.[0].url ?? '';
    expect(url.startsWith('/subpackages/staff/sign-in/index?redirect=')).toBe(true);
  });

  it('does not stack another sign-in page on top of one', async () => {
    taro.pages.push({ route: 'subpackages/account/sign-in/index', options: {} });
    signedIn();
    fakeServer({ refreshReply: () => expired('REFRESH_TOKEN_INVALID') }).expireAccessToken();
    await failure(request('GET', '/me', { schema: okSchema }));
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('keeps the session when the refresh could not reach the server', async () => {
    taro.pages.push({ route: 'pages/mine/index', options: {} });
    const value = signedIn();
    const server = fakeServer({
      refreshReply: () => {
        throw { errMsg: 'request:fail timeout' };
      },
    });
    server.expireAccessToken();
    const error = await failure(request('GET', '/me', { schema: okSchema }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(session.get()).toEqual(value);
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('ends the session when the retried request is refused too (account deleted or disabled)', async () => {
    taro.pages.push({ route: 'pages/mine/index', options: {} });
    signedIn();
    taro.request
      .mockResolvedValueOnce(expired('INVALID_TOKEN'))
      .mockResolvedValueOnce({
        statusCode: 200,
        data: {
          accessToken: 'access-1',
          accessTokenExpiresIn: 900,
          refreshToken: 'refresh-token-1-abcdefghij',
          user: citizen,
        },
      })
      .mockResolvedValueOnce(expired('INVALID_TOKEN'));
    const error = await failure(request('GET', '/me', { schema: okSchema }));
    expect(error.code).toBe('SESSION_EXPIRED');
    expect(taro.request).toHaveBeenCalledTimes(3);
    expect(session.get()).toBeNull();
    expect(taro.navigateTo).toHaveBeenCalledTimes(1);
  });
});

describe('a staff account with a temporary password', () => {
  it('is sent to change it', async () => {
    taro.pages.push({ route: 'subpackages/staff/workbench/index', options: {} });
    signedIn({ ...staff, mustChangePassword: true });
    taro.request.mockResolvedValueOnce({
      statusCode: 403,
      data: { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录请先修改密码' } },
    });
    await failure(request('GET', '/staff/requests', { schema: okSchema }));
    const url: string = taro.navigateTo.mock.calls[0]?.[0].url ?? '';
    expect(url.split('?')[0]).toBe('/subpackages/staff/change-password/index');
  });
});
