import http from 'node:http';

/** What every error response of the API looks like. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

export function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.length > 0 && typeof message === 'string' && message.length > 0;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  ms: number;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding): for malformed bodies. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One HTTP request on a new connection (no keep-alive pool), so a refused connection is seen as such and
 * no request silently rides a socket the server is closing. Rejects on transport errors and on timeout.
 */
export function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.rawBody !== undefined) payload = Buffer.from(options.rawBody);
  else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] ??= 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  if (options.token) headers.authorization ??= `Bearer ${options.token}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers, agent: false, timeout: options.timeoutMs ?? 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: flat,
            text,
            json: parse(text),
            ms: performance.now() - started,
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timeout after ${options.timeoutMs ?? 10_000} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** The transport error's code (ECONNREFUSED, ECONNRESET, …) or its message. */
export function transportCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : String((error as Error).message ?? error);
}
