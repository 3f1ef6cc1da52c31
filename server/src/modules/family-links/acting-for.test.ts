import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyLinks, users } from '../../db/schema/index';
import { createCitizen } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { actingFor } from './acting-for';

describe('actingFor', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  async function pair(status: 'pending' | 'active' | 'rejected' | 'ended') {
    const veteran = await createCitizen(ctx.app);
    const family = await createCitizen(ctx.app, { kind: 'family' });
    await ctx.app.db
      .insert(familyLinks)
      .values({ familyUserId: family.id, veteranUserId: veteran.id, relationship: 'spouse', status });
    return { veteran, family };
  }

  it('a citizen acts for themselves', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    expect(await actingFor(app.db, citizen.id)).toBe(citizen.id);
    expect(await actingFor(app.db, citizen.id, null)).toBe(citizen.id);
    expect(await actingFor(app.db, citizen.id, citizen.id)).toBe(citizen.id);
  });

  it('an actively linked family member acts for the veteran', async () => {
    const { veteran, family } = await pair('active');
    expect(await actingFor(ctx.app.db, family.id, veteran.id)).toBe(veteran.id);
  });

  it('refuses family members whose link is not active', async () => {
    for (const status of ['pending', 'rejected', 'ended'] as const) {
      const { veteran, family } = await pair(status);
      await expect(actingFor(ctx.app.db, family.id, veteran.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        statusCode: 403,
      });
    }
  });

  it('refuses a family member who is not linked, and the veteran acting for the family member', async () => {
    const { veteran, family } = await pair('active');
    const stranger = await createCitizen(ctx.app, { kind: 'family' });
    await expect(actingFor(ctx.app.db, stranger.id, veteran.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(actingFor(ctx.app.db, veteran.id, family.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses acting for a deleted veteran', async () => {
    const { veteran, family } = await pair('active');
    await ctx.app.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, veteran.id));
    await expect(actingFor(ctx.app.db, family.id, veteran.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
