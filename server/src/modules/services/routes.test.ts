import { serviceCatalog, serviceGuideSchema } from '@veterans/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

describe('service catalog', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('lists every service with materials and promised working days', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/services' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.map((item: { code: string }) => item.code)).toEqual(serviceCatalog.map((s) => s.code));
    const card = serviceGuideSchema.parse(items[0]);
    expect(card.name).toBe('优待证申领');
    expect(card.materials.some((material) => material.name.includes('退伍证'))).toBe(true);
    expect(card.promisedWorkingDays).toBeGreaterThan(0);
  });

  it('returns one service guide', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/services/hardship-aid' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '困难帮扶申请', involvesSensitiveData: true });
  });

  it('answers an unknown service with 404 SERVICE_NOT_FOUND', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/services/moon-landing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'SERVICE_NOT_FOUND', message: '该办事事项不存在' });
  });
});
