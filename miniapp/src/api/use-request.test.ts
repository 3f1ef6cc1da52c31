import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { isRetryable } from './use-request';

const taro = await vi.hoisted(async () => (await import('../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

describe('isRetryable', () => {
  it('offers no 重试 for what answers the same every time (办件不存在, not allowed)', () => {
    expect(isRetryable(new ApiError('REQUEST_NOT_FOUND', 404, '办件不存在'))).toBe(false);
    expect(isRetryable(new ApiError('FORBIDDEN', 403, '无权查看'))).toBe(false);
  });

  it('offers 重试 after network trouble, server errors and anything unexpected', () => {
    expect(isRetryable(new ApiError('NETWORK_ERROR', 0, '网络不可用'))).toBe(true);
    expect(isRetryable(new ApiError('INTERNAL', 500, '服务器开小差了'))).toBe(true);
    expect(isRetryable(new Error('boom'))).toBe(true);
  });
});
