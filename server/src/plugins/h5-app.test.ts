import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-app';
import h5App, { cacheControlFor } from './h5-app';

const INDEX =
  '<!DOCTYPE html><html><body><div id="app"></div><script src="/js/app.0123abcd.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify('退役军人服务通 '.repeat(200))});`;

/** A build as miniapp's precompression leaves it: each text file with its .br and .gz beside it. */
function writeBuild(root: string): void {
  mkdirSync(path.join(root, 'js'));
  for (const [name, content] of [
    ['index.html', INDEX],
    ['js/app.0123abcd.js', SCRIPT],
  ] as const) {
    writeFileSync(path.join(root, name), content);
    writeFileSync(path.join(root, `${name}.br`), brotliCompressSync(content));
    writeFileSync(path.join(root, `${name}.gz`), gzipSync(content));
  }
}

describe('H5 app files', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'h5-app-'));
    writeBuild(root);
    app = Fastify();
    const config = testConfig('mysql://root@127.0.0.1:3306/unused', { H5_DIR: root });
    await app.register(
      fp(
        async (instance) => {
          instance.decorate('config', config);
        },
        { name: 'config' },
      ),
    );
    await app.register(h5App);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends a script brotli-compressed to a browser that takes br, cached for good', async () => {
    const response = await app.inject({ url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
    expect(response.rawPayload.equals(brotliCompressSync(SCRIPT))).toBe(true);
  });

  it('sends gzip where brotli is not accepted, and the plain file where neither is', async () => {
    const gzip = await app.inject({ url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(gzipSync(SCRIPT))).toBe(true);
    const plain = await app.inject({ url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers a page path with the compressed entry page, revalidated on every visit', async () => {
    const response = await app.inject({
      url: '/subpackages/requests/detail/index?id=1',
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.rawPayload.equals(brotliCompressSync(INDEX))).toBe(true);
  });

  it('gives the entry page no long cache whichever sibling is sent', () => {
    expect(cacheControlFor('/srv/h5/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/h5/index.html.br')).toBe('no-cache');
    expect(cacheControlFor('/srv/h5/index.html.gz')).toBe('no-cache');
    expect(cacheControlFor('/srv/h5/js/app.0123abcd.js.br')).toBe('public, max-age=31536000, immutable');
  });
});
