import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploads } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createCitizen } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createFileStorage } from './create-storage';
import { encryptStoredFiles } from './encrypt-existing';
import { SMALL_PNG, uploadFile } from './test-support';

describe('files at rest', () => {
  let ctx: TestApp;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = await mkdtemp(path.join(tmpdir(), 'encrypted-uploads-'));
    ctx = await createTestApp({ UPLOAD_DIR: uploadDir });
    await seedDemoData(ctx.app.db);
  });
  afterAll(async () => {
    await ctx.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('stores an upload as ciphertext and serves it back as it was sent', async () => {
    const citizen = await createCitizen(ctx.app);
    const uploaded = await uploadFile(ctx.app, citizen.token, 'scan.png', SMALL_PNG, 'image/png');
    expect(uploaded.statusCode).toBe(201);
    const [row] = await ctx.app.db.select().from(uploads);
    const onDisk = await readFile(path.join(uploadDir, row?.storageKey as string));
    expect(onDisk.subarray(0, 4).toString()).toBe('VSF1');
    expect(onDisk.includes(SMALL_PNG.subarray(8, 40))).toBe(false);
    const served = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/uploads/${uploaded.json().id}`,
      headers: { authorization: `Bearer ${citizen.token}` },
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(SMALL_PNG)).toBe(true);
  });

  it('encrypts files stored before encryption with `cli encrypt-files`, once, and still serves them', async () => {
    const [row] = await ctx.app.db.select().from(uploads);
    const file = path.join(uploadDir, row?.storageKey as string);
    await writeFile(file, SMALL_PNG); // as an earlier release left it
    const storage = createFileStorage(ctx.app.config);
    expect((await buffer(await storage.get(row?.storageKey as string))).equals(SMALL_PNG)).toBe(true);

    expect(await encryptStoredFiles(ctx.app.db, storage)).toEqual({ encrypted: 1, alreadyEncrypted: 0, missing: 0 });
    expect((await readFile(file)).subarray(0, 4).toString()).toBe('VSF1');
    expect(await encryptStoredFiles(ctx.app.db, storage)).toEqual({ encrypted: 0, alreadyEncrypted: 1, missing: 0 });
    expect((await buffer(await storage.get(row?.storageKey as string))).equals(SMALL_PNG)).toBe(true);
  });
});
