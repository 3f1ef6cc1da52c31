import { serviceCatalog, serviceGuideSchema } from '@veterans/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { API_BASE } from './base-url';
import { ApiError, BAD_RESPONSE_MESSAGE, NETWORK_ERROR_MESSAGE, request } from './client';
import { session } from './session';

const taro = await vi.hoisted(async () => (await import('../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

const catalogSchema = z.object({ items: z.array(serviceGuideSchema) });

function respond(statusCode: number, data: unknown) {
  taro.request.mockResolvedValueOnce({ statusCode, data, header: {} });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.clearAllMocks();
  session.clear();
  taro.reset();
});

describe('request', () => {
  it('returns the validated body', async () => {
    respond(200, { items: serviceCatalog });
    const data = await request('GET', '/services', { schema: catalogSchema });
    expect(data.items.map((item) => item.code)).toEqual(serviceCatalog.map((item) => item.code));
    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({ url: `${API_BASE}/services`, method: 'GET', header: { Accept: 'application/json' } }),
    );
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('encodes the query and sends a JSON body', async () => {
    respond(201, { ok: true });
    await request('POST', '/things', {
      schema: z.object({ ok: z.boolean() }),
      query: { page: 2, q: '优待证', missing: undefined },
      body: { name: '张三' },
    });
    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${API_BASE}/things?page=2&q=${encodeURIComponent('优待证')}`,
        data: { name: '张三' },
        header: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
    );
  });

  it('sends the session token as a bearer token', async () => {
    session.set({
      accessToken: 'token-123',
      refreshToken: 'refresh-token-0123456789',
      user: {
        id: 1,
        type: 'citizen',
        role: 'veteran',
        displayName: '张*',
        unitId: null,
        unitLevel: null,
        isSupervisor: false,
        mustChangePassword: false,
      },
    });
    respond(200, { items: [] });
    await request('GET', '/services', { schema: catalogSchema });
    const [options] = taro.request.mock.calls[0] ?? [];
    expect(options.header.Authorization).toBe('Bearer token-123');
  });

  it('turns the error envelope into an ApiError and a toast', async () => {
    respond(404, { error: { code: 'SERVICE_NOT_FOUND', message: '该办事事项不存在' } });
    const error = await failure(request('GET', '/services/nope', { schema: serviceGuideSchema }));
    expect(error).toMatchObject({ code: 'SERVICE_NOT_FOUND', status: 404, message: '该办事事项不存在' });
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该办事事项不存在', icon: 'none' }));
  });

  it('reports an error status without an envelope', async () => {
    respond(502, null);
    const error = await failure(request('GET', '/services', { schema: catalogSchema }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
    expect(error.message).toContain('502');
    expect(taro.showToast).toHaveBeenCalledTimes(1);
  });

  it('reports a network failure in Chinese', async () => {
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    const error = await failure(request('GET', '/services', { schema: catalogSchema }));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败，请检查网络后重试' });
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: NETWORK_ERROR_MESSAGE }));
  });

  it('rejects a body that does not match the schema', async () => {
    respond(200, { items: [{ code: 'preferential-card', name: '优待证申领' }] });
    const error = await failure(request('GET', '/services', { schema: catalogSchema }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200, message: BAD_RESPONSE_MESSAGE });
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: BAD_RESPONSE_MESSAGE }));
  });
});
