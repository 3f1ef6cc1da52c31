import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvents, serviceRequests, uploads } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createFileStorage } from '../uploads/create-storage';
import { purgeOrphanUploads } from '../uploads/purge';
import { expireDrafts } from './drafts';
import { call, fileRequest, verifiedCitizen } from './test-support';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoData(ctx.app.db);
});
afterAll(() => ctx.close());

const DAY_MS = 24 * 3600 * 1000;
const purgeAll = () =>
  purgeOrphanUploads(ctx.app.db, createFileStorage(ctx.app.config), { olderThan: new Date(Date.now() + DAY_MS) });
const filesOf = (publicIds: string[]) => ctx.app.db.select().from(uploads).where(inArray(uploads.publicId, publicIds));
const attachmentIds = (detail: { attachments: { id: string }[] }) => detail.attachments.map((file) => file.id);

describe('discarding a draft', () => {
  it('leaves its files to the orphan purge instead of keeping them linked to a request that is gone', async () => {
    const citizen = await verifiedCitizen(ctx.app);
    const draft = await fileRequest(ctx.app, citizen, { serviceCode: 'preferential-card', submit: false });
    const files = attachmentIds(draft);
    expect(files).toHaveLength(2);
    expect((await call(ctx.app, 'DELETE', `/requests/${draft.id}`, citizen.token)).statusCode).toBe(204);
    expect((await filesOf(files)).map((file) => file.requestId)).toEqual([null, null]);
    await purgeAll();
    expect(await filesOf(files)).toEqual([]);
  });
});

describe('draft expiry', () => {
  it('deletes drafts past their expiry with their timeline, and keeps fresh drafts and submitted requests', async () => {
    const citizen = await verifiedCitizen(ctx.app);
    const expired = await fileRequest(ctx.app, citizen, { serviceCode: 'preferential-card', submit: false });
    const fresh = await fileRequest(ctx.app, citizen, { submit: false });
    const submitted = await fileRequest(ctx.app, citizen);
    const now = new Date();
    await ctx.app.db
      .update(serviceRequests)
      .set({ draftExpiresAt: new Date(now.getTime() - 60_000) })
      .where(eq(serviceRequests.id, expired.id));

    // Two instances at once: each draft is deleted once, and nothing else.
    const runs = await Promise.all([expireDrafts(ctx.app.db, now), expireDrafts(ctx.app.db, now)]);
    expect(runs.reduce((sum, run) => sum + run.expired, 0)).toBe(1);
    expect(runs.every((run) => run.more === false)).toBe(true);

    const left = await ctx.app.db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(inArray(serviceRequests.id, [expired.id, fresh.id, submitted.id]));
    expect(left.map((row) => row.id).sort()).toEqual([fresh.id, submitted.id].sort());
    expect(await ctx.app.db.select().from(requestEvents).where(eq(requestEvents.requestId, expired.id))).toEqual([]);
    expect((await call(ctx.app, 'GET', `/requests/${expired.id}`, citizen.token)).statusCode).toBe(404);
    await purgeAll();
    expect(await filesOf(attachmentIds(expired))).toEqual([]);
    expect(await expireDrafts(ctx.app.db, now)).toEqual({ expired: 0, more: false });
  });
});
