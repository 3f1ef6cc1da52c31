import type { ErrorCode } from '@veterans/shared';

/** WeChat's `errcode`s that this API turns into errors of its own; anything else means WeChat failed us. */
const CLIENT_ERRORS: Record<number, ErrorCode> = {
  40029: 'WECHAT_CODE_INVALID', // invalid code
  40163: 'WECHAT_CODE_INVALID', // code already used
  45011: 'WECHAT_RATE_LIMITED', // API minute-quota reached (per user)
  40226: 'WECHAT_RISKY_USER', // high-risk user, login blocked
};

/** Access-token errors: the cached token is no longer good and must be fetched again. */
const ACCESS_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export function wechatErrorCode(errcode: number): ErrorCode {
  return CLIENT_ERRORS[errcode] ?? 'WECHAT_UNAVAILABLE';
}

export function isAccessTokenRejected(errcode: number): boolean {
  return ACCESS_TOKEN_ERRORS.has(errcode);
}
