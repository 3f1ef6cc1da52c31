import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../server/src/demo/seed';
import { materialiseSlots } from '../../server/src/modules/legal/slots';
import { startFakeWechat } from '../../server/src/testing/fake-wechat';
import { createTestApp, type TestApp } from '../../server/src/testing/test-app';
import {
  classify,
  expectations,
  expectedFor,
  world as makeWorld,
  ROLES,
  type World,
} from './authorization/expectations';
import { type OpenApiDocument, routeKey, routesOf } from './support/openapi';

/**
 * The authorisation matrix: every route of the OpenAPI document × nine callers — anonymous, the veteran who owns
 * the objects, another veteran, a family member not linked to the owner, a linked family member, staff of another
 * street (dongdajie), staff in scope (xidajie, above the owner's community xidajie-wenhua), a lawyer and an admin —
 * against objects owned by the veteran (a request, a booking, a family link, a notification, an upload, …).
 *
 * The expected answer of every cell is data (./authorization/expectations.ts): ok (2xx, or a business refusal that
 * shows access was granted), 401, 403 or 404. A route in the document without a row fails the test, so a new route
 * forces a decision; a row for a route that does not exist fails too.
 *
 * In-process (app.inject): authorisation does not depend on the transport, and thousands of calls stay fast.
 */

let testApp: TestApp;
let document: OpenApiDocument;
let world: World;
let closeWechat: () => Promise<void>;

beforeAll(async () => {
  const wechat = await startFakeWechat();
  closeWechat = () => wechat.close();
  testApp = await createTestApp({ WECHAT_API_BASE: wechat.baseUrl });
  await seedDemoData(testApp.app.db);
  await materialiseSlots(testApp.app.db, new Date());
  document = testApp.app.swagger() as unknown as OpenApiDocument;
  world = await makeWorld(testApp.app, wechat);
});

afterAll(async () => {
  await testApp?.close();
  await closeWechat?.();
});

describe('authorisation matrix', () => {
  it('has a row for every route of the OpenAPI document, and no row for a route that does not exist', () => {
    const documented = routesOf(document).map(routeKey);
    const missing = documented.filter((key) => !(key in expectations));
    const stale = Object.keys(expectations).filter((key) => !documented.includes(key));
    expect(missing, 'routes without expectations: add a row to authorization/expectations.ts').toEqual([]);
    expect(stale, 'rows for routes that are not in the OpenAPI document').toEqual([]);
  });

  it('answers every route × role as the role allows', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    // MATRIX_ONLY=<substring> runs the rows whose "METHOD path" contains it (when investigating one route).
    const only = process.env.MATRIX_ONLY;
    for (const route of routesOf(document)) {
      const key = routeKey(route);
      if (only && !key.includes(only)) continue;
      const row = expectations[key];
      if (!row) continue;
      for (const role of ROLES) {
        const expected = expectedFor(row, role);
        const caller = row.freshCaller?.includes(role) ? await world.freshCaller(role) : world.callers[role];
        const input = (await row.prepare?.(world, role, caller)) ?? {};
        let url = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(String(input.params?.[name] ?? 0)),
        );
        if (input.query) url += `?${new URLSearchParams(input.query)}`;
        const response = await testApp.app.inject({
          method: route.method as 'GET',
          url,
          headers: {
            ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
            ...(input.headers ?? {}),
          },
          ...(input.body !== undefined ? { payload: input.body as Record<string, unknown> } : {}),
        });
        cells++;
        const actual = classify(response.statusCode, response.body);
        if (process.env.MATRIX_DEBUG)
          console.log(key, role, url, caller.id, response.statusCode, response.body.slice(0, 200));
        const fits = expected === 'denied' ? actual === 403 || actual === 404 : actual === expected;
        if (!fits) {
          mismatches.push(
            `${key} as ${role}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
        }
      }
    }
    if (!only) expect(cells).toBeGreaterThan(100 * ROLES.length);
    expect(mismatches).toEqual([]);
  });
});
