import Taro from '@tarojs/taro';
import { errorCatalog, errorEnvelopeSchema, type FieldIssue, sessionSchema } from '@veterans/shared';
import type { z } from 'zod';
import { openChangePassword, openSignIn } from '../navigation/navigate';
import { API_BASE } from './base-url';
import { type StoredSession, session } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<Schema extends z.ZodType> {
  /** Validates the success body; a mismatch means client and server drifted apart. */
  schema: Schema;
  body?: unknown;
  query?: Query;
  /** Sign-in calls: sent without the session's token, and a 401 means wrong credentials, not an old token. */
  anonymous?: boolean;
  /** The page shows the error itself (next to the form), so no toast. */
  quiet?: boolean;
  /**
   * A session that is not stored yet (the steps that complete a sign-in): its token is sent instead, and a
   * 401 is simply an error.
   */
  as?: StoredSession;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后再试';
export const SESSION_EXPIRED_MESSAGE = errorCatalog.TOKEN_EXPIRED.message;
const REQUEST_TIMEOUT_MS = 15_000;

/** Access-token problems that a refresh can cure. */
const RENEWABLE_CODES: ReadonlySet<string> = new Set(['TOKEN_EXPIRED', 'INVALID_TOKEN']);

/** A failed API call. `code` is the server's error code (see errorCatalog) or one of the client's own. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the server was never reached. */
  readonly status: number;
  /** Per-field problems the server found (`path` like `body.phone`). */
  readonly details: FieldIssue[];

  constructor(code: string, status: number, message: string, details: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

function queryString(query: Query = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function toast(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

export function errorFromResponse(status: number, data: unknown): ApiError {
  const envelope = errorEnvelopeSchema.safeParse(data);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    return new ApiError(code, status, message, details);
  }
  return new ApiError('HTTP_ERROR', status, `请求失败（${status}），请稍后再试`);
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

/** One HTTP exchange; a network failure becomes an ApiError with status 0. */
async function send(
  method: HttpMethod,
  path: string,
  { body, query, headers }: { body?: unknown; query?: Query; headers?: Record<string, string> },
  token: string | undefined,
): Promise<RawResponse> {
  const header: Record<string, string> = { ...headers, Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    return await Taro.request<unknown>({
      url: `${API_BASE}${path}${queryString(query)}`,
      method,
      header,
      data: body,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE);
  }
}

const ok = (status: number) => status >= 200 && status < 300;

/** A renewed session, or why the server refused to renew it (the user must sign in again). */
export type Renewal = { session: StoredSession } | { refused: ApiError };

/** The refresh in flight: every request that finds its token expired meanwhile waits for this one. */
let renewal: Promise<Renewal> | null = null;

/**
 * Exchanges the refresh token for a new pair (the server rotates it on every use). Throws on a network or
 * server failure, which says nothing about the session, so it is kept.
 */
async function refresh(stale: StoredSession): Promise<Renewal> {
  const response = await send('POST', '/auth/refresh', { body: { refreshToken: stale.refreshToken } }, undefined);
  if (response.statusCode === 400 || response.statusCode === 401) {
    return { refused: errorFromResponse(response.statusCode, response.data) };
  }
  if (!ok(response.statusCode)) throw errorFromResponse(response.statusCode, response.data);
  const renewed = sessionSchema.safeParse(response.data);
  if (!renewed.success) throw new ApiError('BAD_RESPONSE', response.statusCode, BAD_RESPONSE_MESSAGE);
  const now = session.get();
  // Signed out, or in as someone else, while the refresh was on its way: that newer state wins.
  if (now?.refreshToken !== stale.refreshToken) {
    return now ? { session: now } : { refused: new ApiError('SESSION_EXPIRED', 401, SESSION_EXPIRED_MESSAGE) };
  }
  session.set(renewed.data);
  return { session: session.get() ?? renewed.data };
}

/**
 * A session whose access token is newer than `failedToken`: renewed by this call, by a concurrent one (single
 * flight), or already by another tab.
 */
export function renewSession(failedToken: string): Promise<Renewal> {
  const latest = session.reload();
  if (!latest) return Promise.resolve({ refused: new ApiError('SESSION_EXPIRED', 401, SESSION_EXPIRED_MESSAGE) });
  if (latest.accessToken !== failedToken) return Promise.resolve({ session: latest });
  if (!renewal) {
    renewal = refresh(latest).finally(() => {
      renewal = null;
    });
  }
  return renewal;
}

/** The session is over: forget it and send the user to sign in, to come back here afterwards. */
function sessionExpired(ended: StoredSession, reason?: ApiError): ApiError {
  const now = session.get();
  if (now && (now.accessToken === ended.accessToken || now.refreshToken === ended.refreshToken)) session.clear();
  openSignIn({ staff: ended.user.type === 'staff' });
  const message = reason?.code === 'REFRESH_TOKEN_REUSED' ? reason.message : SESSION_EXPIRED_MESSAGE;
  return new ApiError('SESSION_EXPIRED', 401, message);
}

async function perform<Schema extends z.ZodType>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<Schema>,
): Promise<z.output<Schema>> {
  if (options.as) {
    const response = await send(method, path, options, options.as.accessToken);
    if (!ok(response.statusCode)) throw errorFromResponse(response.statusCode, response.data);
    return parse(options.schema, response);
  }
  const sent = options.anonymous ? null : session.get();
  let response = await send(method, path, options, sent?.accessToken);

  if (sent && response.statusCode === 401) {
    const error = errorFromResponse(response.statusCode, response.data);
    if (!RENEWABLE_CODES.has(error.code)) throw error;
    const renewed = await renewSession(sent.accessToken);
    if ('refused' in renewed) throw sessionExpired(sent, renewed.refused);
    // Retried once; a second refusal means the account itself is gone (deleted, disabled).
    response = await send(method, path, options, renewed.session.accessToken);
    if (response.statusCode === 401) throw sessionExpired(renewed.session);
  }

  if (!ok(response.statusCode)) {
    const error = errorFromResponse(response.statusCode, response.data);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') openChangePassword();
    throw error;
  }
  return parse(options.schema, response);
}

function parse<Schema extends z.ZodType>(schema: Schema, response: RawResponse): z.output<Schema> {
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', response.statusCode, BAD_RESPONSE_MESSAGE);
  return parsed.data;
}

/**
 * Calls the API and returns the validated body. Adds the session's bearer token; when the server says the
 * token is expired or invalid, renews the session once (shared by concurrent calls) and retries; when it
 * cannot be renewed, clears it and opens sign-in. Failures show a toast (unless `quiet`) and throw an ApiError.
 */
export async function request<Schema extends z.ZodType>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<Schema>,
): Promise<z.output<Schema>> {
  try {
    return await perform(method, path, options);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError('CLIENT_ERROR', 0, '操作失败，请稍后重试');
    if (!options.quiet || apiError.code === 'SESSION_EXPIRED') toast(apiError.message);
    throw apiError;
  }
}

/** Field name → message, from a VALIDATION_FAILED answer (`body.phone` → `phone`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError)) return errors;
  for (const { path, message } of error.details) {
    const field = path.replace(/^(body|query|params)\./, '').split('.')[0];
    if (field && !errors[field]) errors[field] = message;
  }
  return errors;
}
