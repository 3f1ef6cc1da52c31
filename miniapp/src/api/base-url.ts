/**
 * Where the API lives, per build target.
 * - H5 is served by the API server itself, so it calls the same origin.
 * - The mini-program needs an absolute URL. Set TARO_APP_API_BASE (shell or .env file) for any real build:
 *   WeChat only calls HTTPS domains configured in its admin console. The default suits local development
 *   (DevTools with "不校验合法域名" on).
 */
export const DEFAULT_H5_API_BASE = '/api/v1';
export const DEFAULT_WEAPP_API_BASE = 'http://127.0.0.1:3000/api/v1';

export function resolveApiBase(taroEnv: string | undefined, configured: string | undefined): string {
  const base = configured?.trim() || (taroEnv === 'h5' ? DEFAULT_H5_API_BASE : DEFAULT_WEAPP_API_BASE);
  return base.replace(/\/+$/, '');
}

// Both are replaced at build time by Taro, so they must stay written out as `process.env.X`.
export const API_BASE = resolveApiBase(process.env.TARO_ENV, process.env.TARO_APP_API_BASE);
