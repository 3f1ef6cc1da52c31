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

/** How long a held-back body waits for an early answer before it is sent. */
const EARLY_ANSWER_WAIT_MS = 300;

/**
 * One HTTP request on a new connection (no keep-alive pool), so a refused connection is seen as such and
 * no request silently rides a socket the server is closing. Rejects on transport errors and on timeout.
 *
 * A server may answer before it has read a large body (414 for the path, 413 for the declared length, 401 before
 * parsing) and close the connection; the kernel then resets it under the upload, sometimes taking the answer
 * with it (EPIPE / ECONNRESET). Such a call is made once more with the body held back until the server has had
 * time to answer early, as curl does with `Expect: 100-continue`, so the answer it gave is what the test sees.
 */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.rawBody !== undefined) payload = Buffer.from(options.rawBody);
  else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] ??= 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  if (options.token) headers.authorization ??= `Bearer ${options.token}`;
  const request = { url: new URL(path, baseUrl), method, headers, payload, timeoutMs: options.timeoutMs ?? 10_000 };
  try {
    return await send(request, false);
  } catch (error) {
    if (!payload || !['EPIPE', 'ECONNRESET'].includes(transportCode(error))) throw error;
    return send(request, true);
  }
}

interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  payload: Buffer | undefined;
  timeoutMs: number;
}

function send({ url, method, headers, payload, timeoutMs }: Outgoing, holdBody: boolean): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (response) => {
      answered = true;
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
        if (holdBody) request.destroy();
      });
    });
    request.on('timeout', () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    request.on('error', reject);
    if (!holdBody) {
      request.end(payload);
      return;
    }
    request.flushHeaders();
    setTimeout(() => {
      if (!answered) request.end(payload);
    }, EARLY_ANSWER_WAIT_MS);
  });
}

/** The transport error's code (ECONNREFUSED, ECONNRESET, …) or its message. */
export function transportCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : String((error as Error).message ?? error);
}
