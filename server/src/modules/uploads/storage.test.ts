import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './local-storage';
import { S3Storage, S3StorageError } from './s3-storage';
import { authorizationHeader, sha256Hex } from './sigv4';
import { assertSafeStorageKey, type FileStorage, newStorageKey, StorageObjectNotFound } from './storage';

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('storage keys', () => {
  it('are random and grouped by month', () => {
    const key = newStorageKey(new Date('2026-03-05T10:00:00Z'));
    expect(key).toMatch(/^2026\/03\/[0-9a-f]{32}$/);
    expect(newStorageKey()).not.toBe(newStorageKey());
  });

  it('refuse traversal and odd characters', () => {
    for (const bad of [
      '../x',
      '2026/../../etc/passwd',
      '/etc/passwd',
      '2026//x',
      'a\\b',
      'a\u0000b',
      '',
      '..',
      'a/..',
    ]) {
      expect(() => assertSafeStorageKey(bad), bad).toThrow();
    }
    expect(() => assertSafeStorageKey('2026/11/abc_DEF-1.bin')).not.toThrow();
  });
});

/** The behaviour every storage must have. */
function storageContract(name: string, make: () => FileStorage) {
  describe(name, () => {
    it('stores, reads back and deletes buffers and streams', async () => {
      const storage = make();
      const key = newStorageKey();
      await storage.put(key, Buffer.from('hello 附件'));
      expect(await text(await storage.get(key))).toBe('hello 附件');
      const streamed = newStorageKey();
      await storage.put(streamed, Readable.from([Buffer.from('part one, '), Buffer.from('part two')]));
      expect(await text(await storage.get(streamed))).toBe('part one, part two');
      await storage.delete(key);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFound);
      await storage.delete(key); // deleting twice is fine
    });

    it('refuses keys with ..', async () => {
      const storage = make();
      await expect(storage.put('../../outside', Buffer.from('x'))).rejects.toThrow();
      await expect(storage.get('2026/../../x')).rejects.toThrow();
    });
  });
}

describe('local disk storage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'uploads-test-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  storageContract('contract', () => new LocalDiskStorage(root));

  it('creates the month directories and leaves nothing when the stream fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'uploads-fail-'));
    const storage = new LocalDiskStorage(path.join(dir, 'nested'));
    const key = newStorageKey();
    await storage.put(key, Buffer.from('ok'));
    expect(await readFile(path.join(dir, 'nested', key), 'utf8')).toBe('ok');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(newStorageKey(), failing)).rejects.toThrow('client went away');
    expect(await listFiles(dir)).toEqual([path.join(dir, 'nested', key)]);
    await rm(dir, { recursive: true, force: true });
  });
});

/** A tiny S3 stand-in on loopback that checks every request is signed with the expected key. */
function fakeS3(credentials: { accessKeyId: string; secretAccessKey: string; region: string }) {
  const objects = new Map<string, Buffer>();
  const seen: { method: string; path: string; authorization: string }[] = [];

  async function body(request: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function signatureProblem(request: IncomingMessage, payload: Buffer): string | null {
    const authorization = request.headers.authorization ?? '';
    const amzDate = request.headers['x-amz-date'];
    const payloadHash = request.headers['x-amz-content-sha256'];
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(
        authorization,
      );
    if (!match || typeof amzDate !== 'string' || typeof payloadHash !== 'string') return 'missing signature headers';
    if (match[1] !== credentials.accessKeyId || match[3] !== credentials.region) return 'wrong credential scope';
    if (payloadHash !== sha256Hex(payload)) return 'payload hash mismatch';
    const signed = (match[4] as string).split(';');
    for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date']) {
      if (!signed.includes(required)) return `${required} not signed`;
    }
    const headers = Object.fromEntries(signed.map((name) => [name, String(request.headers[name] ?? '')]));
    const date = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const expected = authorizationHeader(
      { method: request.method ?? '', path: request.url ?? '', headers, payloadHash, date },
      { ...credentials, service: 's3' },
    );
    return expected === authorization ? null : 'SignatureDoesNotMatch';
  }

  const server: Server = createServer(async (request, response) => {
    const payload = await body(request);
    const problem = signatureProblem(request, payload);
    seen.push({
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization ?? '',
    });
    if (problem) {
      response.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>${problem}</Code></Error>`);
      return;
    }
    const key = request.url ?? '';
    if (request.method === 'PUT') {
      objects.set(key, payload);
      response.writeHead(200, { etag: `"${sha256Hex(payload).slice(0, 32)}"` }).end();
    } else if (request.method === 'GET') {
      const object = objects.get(key);
      if (!object) response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      else response.writeHead(200, { 'content-length': object.length }).end(object);
    } else if (request.method === 'DELETE') {
      objects.delete(key);
      response.writeHead(204).end();
    } else {
      response.writeHead(405).end();
    }
  });
  return { server, objects, seen };
}

describe('S3-compatible storage (plain fetch + Signature V4)', () => {
  const credentials = { accessKeyId: 'test-access-key', secretAccessKey: 'test-secret-key', region: 'cn-north-1' };
  const fake = fakeS3(credentials);
  let endpoint = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  const storage = () => new S3Storage({ endpoint, bucket: 'veterans-uploads', ...credentials });
  storageContract('contract', storage);

  it('uses path-style URLs and signs every request', async () => {
    const key = newStorageKey();
    await storage().put(key, Buffer.from('%PDF-1.4 signed'));
    expect(fake.objects.get(`/veterans-uploads/${key}`)?.toString()).toBe('%PDF-1.4 signed');
    expect(fake.seen.at(-1)?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test-access-key\//);
  });

  it('fails cleanly when the server refuses the signature', async () => {
    const wrong = new S3Storage({ endpoint, bucket: 'veterans-uploads', ...credentials, secretAccessKey: 'wrong' });
    const failure = await wrong.put(newStorageKey(), Buffer.from('x')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(S3StorageError);
    expect((failure as S3StorageError).status).toBe(403);
    expect((failure as Error).message).not.toContain('wrong');
  });
});
