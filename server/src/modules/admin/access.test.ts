import { eq } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccounts } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** This module's route prefixes (other modules own other /admin/… routes, e.g. the veteran roster). */
const OWN_PREFIXES = ['/api/v1/admin/org-units', '/api/v1/admin/staff', '/api/v1/admin/audit-log'];

/** Every route of this module, as the OpenAPI document lists it (so a new route cannot be forgotten here). */
function adminRoutes(ctx: TestApp): { method: HTTPMethods; url: string }[] {
  const paths = (ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths)
    .filter(([path]) => OWN_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)))
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase() as HTTPMethods,
        url: path.replace(/\{[^}]+\}/g, '1'),
      })),
    );
}

describe('admin routes: who may call them', () => {
  let ctx: TestApp;
  let routes: { method: HTTPMethods; url: string }[];
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    routes = adminRoutes(ctx);
  });
  afterAll(() => ctx.close());

  it('knows every admin route', () => {
    expect(routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual([
      'GET /api/v1/admin/audit-log',
      'GET /api/v1/admin/audit-log/export',
      'GET /api/v1/admin/org-units',
      'GET /api/v1/admin/staff',
      'GET /api/v1/admin/staff/1',
      'PATCH /api/v1/admin/org-units/1',
      'PATCH /api/v1/admin/staff/1',
      'POST /api/v1/admin/org-units',
      'POST /api/v1/admin/staff',
      'POST /api/v1/admin/staff/1/reset-password',
      'POST /api/v1/admin/staff/1/unlock',
    ]);
  });

  it('refuses every admin route without a token (401)', async () => {
    for (const route of routes) {
      const response = await ctx.app.inject({ ...route, payload: route.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses every admin route with a forged or garbage token (401)', async () => {
    for (const route of routes) {
      const response = await ctx.app.inject({ ...route, headers: bearer('not-a-jwt') });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses every admin route to a citizen, a staff member, a supervisor and a lawyer (403)', async () => {
    const callers = {
      veteran: (await createCitizen(ctx.app)).token,
      family: (await createCitizen(ctx.app, { kind: 'family' })).token,
      staff: (await createStaff(ctx.app, { role: 'staff' })).token,
      supervisor: (await createStaff(ctx.app, { role: 'staff', isSupervisor: true })).token,
      lawyer: (await createStaff(ctx.app, { role: 'lawyer' })).token,
    };
    for (const [who, token] of Object.entries(callers)) {
      for (const route of routes) {
        // A body that would fail validation: the refusal must come first.
        const response = await ctx.app.inject({
          ...route,
          headers: bearer(token),
          payload: route.method === 'GET' ? undefined : { bogus: true },
        });
        expect(response.statusCode, `${who}: ${route.method} ${route.url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses an admin whose account was disabled or demoted since the token was issued', async () => {
    const disabled = await createStaff(ctx.app, { role: 'admin' });
    const demoted = await createStaff(ctx.app, { role: 'admin' });
    await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.id, disabled.id));
    await ctx.app.db.update(staffAccounts).set({ role: 'staff' }).where(eq(staffAccounts.id, demoted.id));
    for (const token of [disabled.token, demoted.token]) {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/admin/staff', headers: bearer(token) });
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses an admin who has not changed the first password yet', async () => {
    const admin = await createStaff(ctx.app, { role: 'admin', mustChangePassword: true });
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/admin/org-units',
      headers: bearer(admin.token),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('lets an active admin in', async () => {
    const admin = await createStaff(ctx.app, { role: 'admin' });
    for (const url of ['/api/v1/admin/org-units', '/api/v1/admin/staff', '/api/v1/admin/audit-log']) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: bearer(admin.token) });
      expect(response.statusCode, url).toBe(200);
    }
  });
});
