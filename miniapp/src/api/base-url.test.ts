import { describe, expect, it } from 'vitest';
import { DEFAULT_H5_API_BASE, DEFAULT_WEAPP_API_BASE, resolveApiBase } from './base-url';

describe('resolveApiBase', () => {
  it('uses the same origin for H5', () => {
    expect(resolveApiBase('h5', '')).toBe(DEFAULT_H5_API_BASE);
    expect(DEFAULT_H5_API_BASE).toBe('/api/v1');
  });

  it('uses the local API server for the mini-program by default', () => {
    expect(resolveApiBase('weapp', undefined)).toBe('http://127.0.0.1:3000/api/v1');
    expect(resolveApiBase('weapp', '  ')).toBe(DEFAULT_WEAPP_API_BASE);
  });

  it('prefers TARO_APP_API_BASE on every target, without a trailing slash', () => {
    expect(resolveApiBase('weapp', 'https://api.example.cn/api/v1/')).toBe('https://api.example.cn/api/v1');
    expect(resolveApiBase('h5', 'https://api.example.cn/api/v1')).toBe('https://api.example.cn/api/v1');
  });
});
