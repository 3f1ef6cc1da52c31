import Taro from '@tarojs/taro';
import { errorEnvelopeSchema } from '@veterans/shared';
import type { z } from 'zod';
import { API_BASE } from './base-url';
import { session } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<Schema extends z.ZodType> {
  /** Validates the success body; a mismatch means client and server drifted apart. */
  schema: Schema;
  body?: unknown;
  query?: Query;
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后再试';
const REQUEST_TIMEOUT_MS = 15_000;

/** A failed API call. `code` is the server's error code (see errorCatalog) or one of the client's own. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the server was never reached. */
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

function queryString(query: Query = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Tells the user what went wrong, then hands the error back for the caller to throw. */
function reported(error: ApiError): ApiError {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
  return error;
}

function errorFromResponse(status: number, data: unknown): ApiError {
  const envelope = errorEnvelopeSchema.safeParse(data);
  if (envelope.success) return new ApiError(envelope.data.error.code, status, envelope.data.error.message);
  return new ApiError('HTTP_ERROR', status, `请求失败（${status}），请稍后再试`);
}

/** Calls the API and returns the validated body. Failures show a toast and throw an ApiError. */
export async function request<Schema extends z.ZodType>(
  method: HttpMethod,
  path: string,
  { schema, body, query }: RequestOptions<Schema>,
): Promise<z.output<Schema>> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  const token = session.getToken();
  if (token) header.Authorization = `Bearer ${token}`;

  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request<unknown>({
      url: `${API_BASE}${path}${queryString(query)}`,
      method,
      header,
      data: body,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch {
    throw reported(new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE));
  }

  const { statusCode, data } = response;
  if (statusCode < 200 || statusCode >= 300) throw reported(errorFromResponse(statusCode, data));
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw reported(new ApiError('BAD_RESPONSE', statusCode, BAD_RESPONSE_MESSAGE));
  return parsed.data;
}
