import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe('org units', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
  });
  afterAll(() => ctx.close());

  it('lists the district centre first, then its stations in tree order', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items[0]).toMatchObject({ code: 'weidu', level: 'district', parentId: null });
    const street = items.find((unit: { code: string }) => unit.code === 'xidajie');
    const community = items.find((unit: { code: string }) => unit.code === 'xidajie-wenhua');
    expect(street.parentId).toBe(items[0].id);
    expect(community.parentId).toBe(street.id);
  });

  it('seeding demo data twice changes nothing', async () => {
    const before = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json();
    await seedDemoData(ctx.app.db);
    const after = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json();
    expect(after).toEqual(before);
  });
});
