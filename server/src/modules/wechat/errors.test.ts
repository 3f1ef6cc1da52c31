import { describe, expect, it } from 'vitest';
import { isAccessTokenRejected, wechatErrorCode } from './errors';

describe('WeChat error mapping', () => {
  it.each([
    [40029, 'WECHAT_CODE_INVALID'],
    [40163, 'WECHAT_CODE_INVALID'],
    [45011, 'WECHAT_RATE_LIMITED'],
    [40226, 'WECHAT_RISKY_USER'],
    [-1, 'WECHAT_UNAVAILABLE'],
    [40013, 'WECHAT_UNAVAILABLE'],
    [99999, 'WECHAT_UNAVAILABLE'],
  ])('maps errcode %i to %s', (errcode, code) => {
    expect(wechatErrorCode(errcode)).toBe(code);
  });

  it('recognises a rejected access token', () => {
    expect(isAccessTokenRejected(40001)).toBe(true);
    expect(isAccessTokenRejected(42001)).toBe(true);
    expect(isAccessTokenRejected(40029)).toBe(false);
  });
});
