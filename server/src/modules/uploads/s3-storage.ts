import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { amzDate, authorizationHeader, EMPTY_PAYLOAD_HASH, sha256Hex, uriEncodePath } from './sigv4';
import { assertSafeStorageKey, type FileStorage, StorageObjectNotFound } from './storage';

export interface S3Options {
  /** e.g. https://s3.cn-north-1.amazonaws.com.cn or http://127.0.0.1:9000 (MinIO); path-style addressing. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Per request; uploads are at most 10 MB. */
  timeoutMs?: number;
}

/** Objects larger than this are refused before sending (uploads are limited to 10 MB long before). */
const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

export class S3StorageError extends Error {
  override name = 'S3StorageError';
  constructor(
    readonly operation: string,
    readonly status: number,
  ) {
    super(`S3 ${operation} failed with HTTP ${status}`);
  }
}

async function collect(content: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_OBJECT_BYTES) {
      content.destroy();
      throw new Error('Object too large for the S3 storage');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * S3-compatible object storage through plain `fetch` and Signature V4 (no SDK): PUT, GET and DELETE of
 * single objects with path-style URLs (`<endpoint>/<bucket>/<key>`). A PUT is sent with its length and
 * SHA-256, so it is only stored when it arrived whole.
 */
export class S3Storage implements FileStorage {
  private readonly base: URL;

  constructor(private readonly options: S3Options) {
    this.base = new URL(options.endpoint);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    assertSafeStorageKey(key);
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const path = `${basePath}/${uriEncodePath(this.options.bucket)}/${uriEncodePath(key)}`;
    const url = new URL(this.base.origin);
    url.pathname = path;
    const payloadHash = body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH;
    const date = new Date();
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate(date),
    };
    if (body) {
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(body.length);
    }
    const authorization = authorizationHeader(
      { method, path, headers, payloadHash, date },
      { ...this.options, service: 's3' },
    );
    const { host: _host, 'content-length': _length, ...sent } = headers;
    return fetch(url, {
      method,
      headers: { ...sent, authorization },
      body: body ? new Uint8Array(body.buffer, body.byteOffset, body.length) : undefined,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
  }

  async put(key: string, content: Readable | Buffer): Promise<void> {
    const body = await collect(content);
    const response = await this.send('PUT', key, body);
    await response.body?.cancel();
    if (!response.ok) throw new S3StorageError('PUT', response.status);
  }

  async get(key: string): Promise<Readable> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      throw new StorageObjectNotFound(key);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new S3StorageError('GET', response.status);
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) throw new S3StorageError('DELETE', response.status);
  }
}
