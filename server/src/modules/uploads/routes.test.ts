import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '@veterans/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, uploads } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachUploads } from './attach';
import { LocalDiskStorage } from './local-storage';
import { purgeOrphanUploads } from './purge';
import { createRequestRow, multipartBody, SMALL_JPEG, SMALL_PDF, SMALL_PNG, uploadFile } from './test-support';

async function filesUnder(directory: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('uploads', () => {
  let ctx: TestApp;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = await mkdtemp(path.join(tmpdir(), 'uploads-routes-'));
    ctx = await createTestApp({ UPLOAD_DIR: uploadDir });
    await seedDemoData(ctx.app.db);
  });
  afterAll(async () => {
    await ctx.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  const download = (token: string | null, id: string) =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/uploads/${id}`, headers: token ? bearer(token) : {} });

  it('needs a signed-in caller', async () => {
    const body = multipartBody('a.png', SMALL_PNG);
    const post = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(post.statusCode).toBe(401);
    expect(post.json().error.code).toBe('UNAUTHORIZED');
    expect((await download(null, 'a'.repeat(24))).statusCode).toBe(401);
  });

  it('refuses a renamed executable and other non-images by content, whatever the name and declared type', async () => {
    const citizen = await createCitizen(ctx.app);
    const before = await filesUnder(uploadDir);
    const refused: [string, Buffer, string][] = [
      [
        'photo.jpg',
        Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 0x41)]),
        'image/jpeg',
      ],
      ['scan.pdf', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 'application/pdf'],
      ['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), 'image/png'],
      ['材料.pdf', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), 'application/pdf'],
      ['empty.png', Buffer.alloc(0), 'image/png'],
    ];
    for (const [name, content, type] of refused) {
      const response = await uploadFile(ctx.app, citizen.token, name, content, type);
      expect(response.statusCode, name).toBe(415);
      expect(response.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    }
    expect(await filesUnder(uploadDir)).toEqual(before);
    const rows = await ctx.app.db.select().from(uploads).where(eq(uploads.uploaderId, citizen.id));
    expect(rows).toHaveLength(0);
  });

  it('refuses an 11 MB file with 413 and leaves nothing on disk', async () => {
    const citizen = await createCitizen(ctx.app);
    const before = await filesUnder(uploadDir);
    const big = Buffer.concat([SMALL_PNG.subarray(0, 8), Buffer.alloc(11 * 1024 * 1024, 0x42)]);
    const response = await uploadFile(ctx.app, citizen.token, 'big.png', big, 'image/png');
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('UPLOAD_TOO_LARGE');
    expect(await filesUnder(uploadDir)).toEqual(before);
    const rows = await ctx.app.db.select().from(uploads).where(eq(uploads.uploaderId, citizen.id));
    expect(rows).toHaveLength(0);
  });

  it('answers 413 over a real connection too, and keeps serving', async () => {
    const citizen = await createCitizen(ctx.app);
    // Listening stays on until the app closes in afterAll.
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const body = multipartBody('big.pdf', big, 'application/pdf');
      const response = await fetch(`${address}/api/v1/uploads`, {
        method: 'POST',
        headers: { ...bearer(citizen.token), 'content-type': body.contentType },
        body: new Uint8Array(body.payload),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_TOO_LARGE');
      const small = multipartBody('ok.png', SMALL_PNG, 'image/png');
      const again = await fetch(`${address}/api/v1/uploads`, {
        method: 'POST',
        headers: { ...bearer(citizen.token), 'content-type': small.contentType },
        body: new Uint8Array(small.payload),
      });
      expect(again.status).toBe(201);
    }
    expect((await filesUnder(uploadDir)).some((file) => file.includes('.partial-'))).toBe(false);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const citizen = await createCitizen(ctx.app);
    const exact = Buffer.concat([SMALL_JPEG.subarray(0, 4), Buffer.alloc(MAX_UPLOAD_BYTES - 4, 0x33)]);
    const response = await uploadFile(ctx.app, citizen.token, 'exact.jpg', exact, 'image/jpeg');
    expect(response.statusCode).toBe(201);
    expect(response.json().size).toBe(MAX_UPLOAD_BYTES);
  });

  it('stores a small PDF and PNG under a random key and serves them to the owner only', async () => {
    const owner = await createCitizen(ctx.app);
    const other = await createCitizen(ctx.app);
    const pdf = await uploadFile(ctx.app, owner.token, '诊断证明.pdf', SMALL_PDF, 'application/octet-stream');
    expect(pdf.statusCode).toBe(201);
    const created = pdf.json();
    expect(created).toEqual({
      id: expect.any(String),
      fileName: '诊断证明.pdf',
      mimeType: 'application/pdf',
      size: SMALL_PDF.length,
    });
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const [row] = await ctx.app.db.select().from(uploads).where(eq(uploads.publicId, created.id));
    expect(row?.sha256).toBe(createHash('sha256').update(SMALL_PDF).digest('hex'));
    expect(row?.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    expect(row?.storageKey).not.toContain('诊断');

    const fetched = await download(owner.token, created.id);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.rawPayload.equals(SMALL_PDF)).toBe(true);
    expect(fetched.headers['content-type']).toBe('application/pdf');
    expect(fetched.headers['x-content-type-options']).toBe('nosniff');
    expect(fetched.headers['content-disposition']).toBe(
      `inline; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('诊断证明.pdf')}`,
    );

    const png = await uploadFile(ctx.app, owner.token, 'photo.png', SMALL_PNG, 'image/png');
    expect(png.json().mimeType).toBe('image/png');
    expect((await download(owner.token, png.json().id)).rawPayload.equals(SMALL_PNG)).toBe(true);

    for (const id of [created.id, png.json().id]) {
      const response = await download(other.token, id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('UPLOAD_NOT_FOUND');
    }
    const staff = await createStaff(ctx.app, { unitCode: 'weidu' });
    expect((await download(staff.token, created.id)).statusCode).toBe(404);
    expect((await download(owner.token, 'x'.repeat(24))).json().error.code).toBe('UPLOAD_NOT_FOUND');
  });

  it('keeps only a sanitised display name for traversal payloads', async () => {
    const citizen = await createCitizen(ctx.app);
    const payloads: [string, string][] = [
      ['../../../../etc/passwd.png', 'passwd.png'],
      ['..\\..\\boot.ini.png', 'boot.ini.png'],
      ['evil\u0000.png', 'evil.png'],
      ['photo.exe', 'photo.exe.png'],
    ];
    for (const [name, expected] of payloads) {
      const response = await uploadFile(ctx.app, citizen.token, name, SMALL_PNG, 'image/png');
      expect(response.statusCode, name).toBe(201);
      expect(response.json().fileName, name).toBe(expected);
    }
    for (const file of await filesUnder(uploadDir)) {
      expect(path.relative(uploadDir, file)).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    }
  });

  it('serves a linked file to the applicant and staff in scope, not to sibling units or lawyers; audits hardship views', async () => {
    const applicant = await createCitizen(ctx.app);
    const uploaded = (await uploadFile(ctx.app, applicant.token, '账单.jpg', SMALL_JPEG, 'image/jpeg')).json();
    const request = await createRequestRow(ctx.app, {
      applicantUserId: applicant.id,
      serviceCode: 'hardship-aid',
      unitCode: 'xidajie-wenhua',
    });
    const community = await createStaff(ctx.app, { unitCode: 'xidajie-wenhua' });
    const street = await createStaff(ctx.app, { unitCode: 'xidajie' });
    const sibling = await createStaff(ctx.app, { unitCode: 'xidajie-xihu' });
    const lawyer = await createStaff(ctx.app, { role: 'lawyer', unitCode: 'weidu' });

    expect((await download(community.token, uploaded.id)).statusCode).toBe(404);
    await ctx.app.db.transaction((tx) =>
      attachUploads(tx, { requestId: request.id, uploaderUserId: applicant.id, publicIds: [uploaded.id] }),
    );
    for (const staff of [community, street]) {
      const response = await download(staff.token, uploaded.id);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(SMALL_JPEG)).toBe(true);
    }
    for (const staff of [sibling, lawyer]) {
      const response = await download(staff.token, uploaded.id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('UPLOAD_NOT_FOUND');
    }
    expect((await download(applicant.token, uploaded.id)).statusCode).toBe(200);

    const audits = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload.view_sensitive'), eq(auditLog.targetId, uploaded.id)));
    expect(audits.map((entry) => entry.actorId).sort()).toEqual([community.id, street.id].sort());
  });

  it('attachUploads links only the uploader’s own, unlinked files', async () => {
    const applicant = await createCitizen(ctx.app);
    const stranger = await createCitizen(ctx.app);
    const mine = (await uploadFile(ctx.app, applicant.token, 'a.png', SMALL_PNG)).json().id as string;
    const theirs = (await uploadFile(ctx.app, stranger.token, 'b.png', SMALL_PNG)).json().id as string;
    const first = await createRequestRow(ctx.app, { applicantUserId: applicant.id });
    const second = await createRequestRow(ctx.app, { applicantUserId: applicant.id });
    const attach = (requestId: number, publicIds: string[]) =>
      ctx.app.db.transaction((tx) => attachUploads(tx, { requestId, uploaderUserId: applicant.id, publicIds }));

    const refused = await attach(first.id, [mine, theirs, 'unknown-upload-id-0000']).catch((error) => error);
    expect(refused.code).toBe('UPLOAD_NOT_FOUND');
    expect(refused.details.map((detail: { path: string }) => detail.path)).toEqual([
      `uploads.${theirs}`,
      'uploads.unknown-upload-id-0000',
    ]);
    const [unlinked] = await ctx.app.db.select().from(uploads).where(eq(uploads.publicId, mine));
    expect(unlinked?.requestId).toBeNull();

    const linked = await attach(first.id, [mine, mine]);
    expect(linked).toEqual([
      { id: mine, fileName: 'a.png', mimeType: 'image/png', size: SMALL_PNG.length, width: 1, height: 1 },
    ]);
    expect(await attach(first.id, [mine])).toHaveLength(1); // saving the form again is fine
    const elsewhere = await attach(second.id, [mine]).catch((error) => error);
    expect(elsewhere.code).toBe('UPLOAD_NOT_FOUND');
    expect(await attach(second.id, [])).toEqual([]);
  });

  it('needs a multipart body with a file', async () => {
    const citizen = await createCitizen(ctx.app);
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: bearer(citizen.token),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('purges uploads never linked to a request after a week, keeping linked ones', async () => {
    const citizen = await createCitizen(ctx.app);
    const orphan = (await uploadFile(ctx.app, citizen.token, 'orphan.png', SMALL_PNG)).json().id as string;
    const kept = (await uploadFile(ctx.app, citizen.token, 'kept.png', SMALL_PNG)).json().id as string;
    const fresh = (await uploadFile(ctx.app, citizen.token, 'fresh.png', SMALL_PNG)).json().id as string;
    const request = await createRequestRow(ctx.app, { applicantUserId: citizen.id });
    await attachUploads(ctx.app.db, { requestId: request.id, uploaderUserId: citizen.id, publicIds: [kept] });
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await ctx.app.db
      .update(uploads)
      .set({ createdAt: old })
      .where(inArray(uploads.publicId, [orphan, kept]));
    const [orphanRow] = await ctx.app.db.select().from(uploads).where(eq(uploads.publicId, orphan));

    let removed = 0;
    for (let round = 0; round < 100; round++) {
      const count = await purgeOrphanUploads(ctx.app.db, new LocalDiskStorage(uploadDir));
      removed += count;
      if (count === 0) break;
    }
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = await ctx.app.db
      .select({ publicId: uploads.publicId })
      .from(uploads)
      .where(eq(uploads.uploaderId, citizen.id));
    expect(left.map((row) => row.publicId).sort()).toEqual([kept, fresh].sort());
    expect(await filesUnder(uploadDir)).not.toContain(path.join(uploadDir, orphanRow?.storageKey ?? 'x'));
    expect((await download(citizen.token, kept)).statusCode).toBe(200);
  });
});
