import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, serviceRequests, staffAccounts } from '../../../db/schema/index';
import { seedDemoData } from '../../../demo/seed';
import { bearer, createCitizen, createStaff, type StaffFixture, unitIdByCode } from '../../../testing/fixtures';
import { createTestApp, type TestApp } from '../../../testing/test-app';

const UNIT_CODES = ['weidu', 'xidajie', 'xidajie-wenhua', 'xidajie-xihu', 'dongdajie', 'dongdajie-dongcheng'] as const;
type UnitCode = (typeof UNIT_CODES)[number];

describe('admin: org units', () => {
  let ctx: TestApp;
  let districtAdmin: StaffFixture;
  let streetAdmin: StaffFixture;
  let ids: Record<UnitCode, number>;

  const inject = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url: `/api/v1/admin${url}`, headers: bearer(token), payload });

  const auditRows = (action: string, targetId: number) =>
    ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))));

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    districtAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    streetAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'xidajie' });
    ids = Object.fromEntries(
      await Promise.all(UNIT_CODES.map(async (code) => [code, await unitIdByCode(ctx.app, code)] as const)),
    ) as Record<UnitCode, number>;
  });
  afterAll(() => ctx.close());

  describe('GET /admin/org-units', () => {
    it('gives the district admin every unit, in tree order', async () => {
      const response = await inject(districtAdmin.token, 'GET', '/org-units');
      expect(response.statusCode).toBe(200);
      const items: { id: number; code: string; path: string; parentId: number | null; active: boolean }[] =
        response.json().items;
      expect(items).toHaveLength(13);
      expect(items[0]).toMatchObject({
        code: 'weidu',
        level: 'district',
        parentId: null,
        path: '/weidu/',
        active: true,
      });
      const seen = new Set<number>();
      for (const unit of items) {
        if (unit.parentId !== null) expect(seen.has(unit.parentId), unit.code).toBe(true);
        seen.add(unit.id);
      }
      const xidajie = items.findIndex((unit) => unit.code === 'xidajie');
      expect(items.slice(xidajie, xidajie + 3).map((unit) => unit.code)).toEqual([
        'xidajie',
        'xidajie-wenhua',
        'xidajie-xihu',
      ]);
    });

    it('gives a street admin only their own street and its communities', async () => {
      const response = await inject(streetAdmin.token, 'GET', '/org-units');
      expect(response.json().items.map((unit: { code: string }) => unit.code)).toEqual([
        'xidajie',
        'xidajie-wenhua',
        'xidajie-xihu',
      ]);
    });
  });

  describe('POST /admin/org-units', () => {
    it('creates a street under the district and a community under it, with paths from the parent', async () => {
      const street = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'dingzhuang',
        name: '丁庄街道退役军人服务站',
        level: 'street',
        parentId: ids.weidu,
        address: '许昌市魏都区丁庄街道（演示）',
        phone: '0374-1234567',
      });
      expect(street.statusCode).toBe(201);
      expect(street.json()).toMatchObject({
        code: 'dingzhuang',
        level: 'street',
        parentId: ids.weidu,
        path: '/weidu/dingzhuang/',
        active: true,
        phone: '0374-1234567',
      });
      const community = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'dingzhuang-heping',
        name: '和平社区退役军人服务站',
        level: 'community',
        parentId: street.json().id,
      });
      expect(community.statusCode).toBe(201);
      expect(community.json()).toMatchObject({
        path: '/weidu/dingzhuang/dingzhuang-heping/',
        address: null,
        phone: null,
      });

      const [audit] = await auditRows('org_unit.create', street.json().id);
      expect(audit).toMatchObject({ actorId: districtAdmin.id, actorRole: 'admin', targetType: 'org_unit' });
      expect(audit?.detail).toMatchObject({ code: 'dingzhuang', level: 'street', parentId: ids.weidu });
      const publicList = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json().items;
      expect(publicList.some((unit: { code: string }) => unit.code === 'dingzhuang-heping')).toBe(true);
    });

    it('enforces the level rules: exactly one level below the parent', async () => {
      const cases = [
        { level: 'community', parentId: ids.weidu, field: 'body.level', status: 400 },
        { level: 'street', parentId: ids.xidajie, field: 'body.level', status: 400 },
        { level: 'district', parentId: ids.xidajie, field: 'body.parentId', status: 400 },
        { level: 'community', parentId: ids['xidajie-wenhua'], field: 'body.parentId', status: 400 },
        { level: 'street', parentId: null, field: 'body.parentId', status: 400 },
      ];
      for (const [index, { level, parentId, field, status }] of cases.entries()) {
        const response = await inject(districtAdmin.token, 'POST', '/org-units', {
          code: `bad-${index}`,
          name: '测试服务站',
          level,
          parentId,
        });
        expect(response.statusCode, `${level} under ${parentId}`).toBe(status);
        expect(response.json().error.code).toBe('VALIDATION_FAILED');
        expect(response.json().error.details[0].path).toBe(field);
      }
      const community = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'bad-skip',
        name: '测试服务站',
        level: 'community',
        parentId: ids.weidu,
      });
      expect(community.json().error.message).toBe('区退役军人服务中心的下级只能是街道退役军人服务站');
    });

    it('refuses a second district centre', async () => {
      const response = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'another-district',
        name: '另一个区中心',
        level: 'district',
        parentId: null,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({
        code: 'CONFLICT',
        message: '区退役军人服务中心已存在，只能有一个',
      });
    });

    it('refuses a duplicate code with UNIT_CODE_TAKEN', async () => {
      const response = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'xidajie-wenhua',
        name: '重复编码服务站',
        level: 'community',
        parentId: ids.dongdajie,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({ code: 'UNIT_CODE_TAKEN', message: '该机构编码已被使用' });
    });

    it('answers concurrent creations of one code with one 201 and UNIT_CODE_TAKEN for the rest', async () => {
      const parents = [ids.xidajie, ids.dongdajie, ids.xidajie, ids.dongdajie];
      const responses = await Promise.all(
        parents.map((parentId) =>
          inject(districtAdmin.token, 'POST', '/org-units', {
            code: 'race-unit',
            name: '并发测试服务站',
            level: 'community',
            parentId,
          }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expect(response.json().error.code).toBe('UNIT_CODE_TAKEN');
      }
    });

    it('rejects codes that could break the path (upper case, underscore, slash)', async () => {
      for (const code of ['Upper', 'under_score', 'a/b', 'x', '1abc']) {
        const response = await inject(districtAdmin.token, 'POST', '/org-units', {
          code,
          name: '测试服务站',
          level: 'community',
          parentId: ids.xidajie,
        });
        expect(response.statusCode, code).toBe(400);
      }
    });

    it('answers a missing parent with UNIT_NOT_FOUND', async () => {
      const response = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'orphan',
        name: '测试服务站',
        level: 'community',
        parentId: 999_999,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('UNIT_NOT_FOUND');
    });

    it('lets a street admin create under their own street but not under a sibling street (403 OUT_OF_SCOPE)', async () => {
      const own = await inject(streetAdmin.token, 'POST', '/org-units', {
        code: 'xidajie-new',
        name: '新建社区服务站',
        level: 'community',
        parentId: ids.xidajie,
      });
      expect(own.statusCode).toBe(201);
      const sibling = await inject(streetAdmin.token, 'POST', '/org-units', {
        code: 'dongdajie-new',
        name: '越权社区服务站',
        level: 'community',
        parentId: ids.dongdajie,
      });
      expect(sibling.statusCode).toBe(403);
      expect(sibling.json().error.code).toBe('OUT_OF_SCOPE');
      const street = await inject(streetAdmin.token, 'POST', '/org-units', {
        code: 'street-new',
        name: '越权街道服务站',
        level: 'street',
        parentId: ids.weidu,
      });
      expect(street.statusCode).toBe(403);
    });
  });

  describe('PATCH /admin/org-units/:id', () => {
    it('updates name, address and phone, and audits the changed field names', async () => {
      const response = await inject(districtAdmin.token, 'PATCH', `/org-units/${ids['xidajie-xihu']}`, {
        name: '西湖社区退役军人服务站（新址）',
        phone: '0374-7654321',
        address: null,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: '西湖社区退役军人服务站（新址）', phone: '0374-7654321' });
      const [audit] = await auditRows('org_unit.update', ids['xidajie-xihu']);
      expect(audit?.detail).toEqual({ fields: ['name', 'phone'] });
    });

    it('sets and clears the map location (both coordinates, within China), shown on the public list', async () => {
      const url = `/org-units/${ids['xidajie-wenhua']}`;
      const set = await inject(districtAdmin.token, 'PATCH', url, { location: { latitude: 34.03, longitude: 113.81 } });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ latitude: 34.03, longitude: 113.81 });
      const [audit] = await auditRows('org_unit.update', ids['xidajie-wenhua']);
      expect(audit?.detail).toEqual({ fields: ['latitude', 'longitude'] });
      const listed = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json();
      expect(listed.items.find((unit: { id: number }) => unit.id === ids['xidajie-wenhua'])).toMatchObject({
        latitude: 34.03,
        longitude: 113.81,
      });
      for (const location of [
        { latitude: 34.03 },
        { latitude: 91, longitude: 113.81 },
        { latitude: 34, longitude: 0 },
      ]) {
        const refused = await inject(districtAdmin.token, 'PATCH', url, { location });
        expect(refused.statusCode, JSON.stringify(location)).toBe(400);
      }
      const cleared = await inject(districtAdmin.token, 'PATCH', url, { location: null });
      expect(cleared.json()).toMatchObject({ latitude: null, longitude: null });
    });

    it('keeps the opening hours 办公时间 people see for pickups, and publishes them', async () => {
      const hours = '周一至周六 9:00—17:00';
      const created = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'xidajie-hours',
        name: '办公时间测试社区服务站',
        level: 'community',
        parentId: ids.xidajie,
        openingHours: '周一至周五 9:00—17:00',
      });
      expect(created.json()).toMatchObject({ openingHours: '周一至周五 9:00—17:00' });
      const unitId: number = created.json().id;
      const response = await inject(districtAdmin.token, 'PATCH', `/org-units/${unitId}`, {
        openingHours: ` ${hours} `,
      });
      expect(response.json()).toMatchObject({ openingHours: hours });
      const [audit] = await auditRows('org_unit.update', unitId);
      expect(audit?.detail).toEqual({ fields: ['openingHours'] });
      const listed = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json();
      expect(listed.items.find((unit: { id: number }) => unit.id === unitId)).toMatchObject({
        openingHours: hours,
      });
      const tooLong = await inject(districtAdmin.token, 'PATCH', `/org-units/${unitId}`, {
        openingHours: '时'.repeat(101),
      });
      expect(tooLong.statusCode).toBe(400);
    });

    it('refuses re-parenting and code changes (unknown fields) and an empty body', async () => {
      for (const payload of [{ parentId: ids.dongdajie }, { code: 'renamed' }, {}]) {
        const response = await inject(districtAdmin.token, 'PATCH', `/org-units/${ids['xidajie-xihu']}`, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
    });

    it('answers a sibling street’s unit, the parent and a missing unit alike with 404 for a street admin', async () => {
      for (const id of [ids.dongdajie, ids['dongdajie-dongcheng'], ids.weidu, 999_999]) {
        const response = await inject(streetAdmin.token, 'PATCH', `/org-units/${id}`, { name: '越权修改' });
        expect(response.statusCode, String(id)).toBe(404);
        expect(response.json().error.code).toBe('UNIT_NOT_FOUND');
      }
      const own = await inject(streetAdmin.token, 'PATCH', `/org-units/${ids['xidajie-wenhua']}`, {
        address: '文化路 1 号（演示）',
      });
      expect(own.statusCode).toBe(200);
    });

    it('refuses deactivating a unit with active children or active staff, with a clear Chinese message', async () => {
      const withChildren = await inject(districtAdmin.token, 'PATCH', `/org-units/${ids.dongdajie}`, { active: false });
      expect(withChildren.statusCode).toBe(409);
      expect(withChildren.json().error.code).toBe('CONFLICT');
      // Two seeded communities, plus possibly the winner of the concurrency test above.
      expect(withChildren.json().error.message).toMatch(/^该机构还有 [23] 个启用中的下级机构，不能停用。/);

      await createStaff(ctx.app, { role: 'staff', unitCode: 'dongdajie-dongcheng' });
      const withStaff = await inject(districtAdmin.token, 'PATCH', `/org-units/${ids['dongdajie-dongcheng']}`, {
        active: false,
      });
      expect(withStaff.statusCode).toBe(409);
      expect(withStaff.json().error.message).toContain('还有 1 个启用中的工作人员账号');
    });

    it('refuses deactivating a unit whose requests are not finished, and allows it once they are', async () => {
      const created = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'open-requests',
        name: '办件未结测试社区',
        level: 'community',
        parentId: ids.xidajie,
      });
      const unitId = created.json().id as number;
      const citizen = await createCitizen(ctx.app);
      const file = (status: 'processing' | 'completed' | 'draft', number: string | null) =>
        ctx.app.db.insert(serviceRequests).values({
          number,
          serviceCode: 'policy-question',
          status,
          applicantUserId: citizen.id,
          subjectUserId: citizen.id,
          unitId,
          submittedAt: number ? new Date() : null,
        });
      const [open] = await file('processing', 'OPENREQ-1');
      await file('completed', 'OPENREQ-2');
      await file('draft', null);

      const refused = await inject(districtAdmin.token, 'PATCH', `/org-units/${unitId}`, { active: false });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe('该机构还有 1 件未办结的办件，不能停用。请先办结这些办件。');

      await ctx.app.db
        .update(serviceRequests)
        .set({ status: 'withdrawn' })
        .where(eq(serviceRequests.id, open.insertId));
      const off = await inject(districtAdmin.token, 'PATCH', `/org-units/${unitId}`, { active: false });
      expect(off.statusCode).toBe(200);
    });

    it('deactivates an empty unit, keeps it in the admin list, hides it publicly, and can reactivate it', async () => {
      const id = ids['dongdajie-dongcheng'];
      await ctx.app.db.update(staffAccounts).set({ active: false }).where(eq(staffAccounts.unitId, id));
      const off = await inject(districtAdmin.token, 'PATCH', `/org-units/${id}`, { active: false });
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);

      const adminList = (await inject(districtAdmin.token, 'GET', '/org-units')).json().items;
      expect(adminList.find((unit: { id: number }) => unit.id === id)).toMatchObject({ active: false });
      const publicList = (await ctx.app.inject({ method: 'GET', url: '/api/v1/org-units' })).json().items;
      expect(publicList.some((unit: { id: number }) => unit.id === id)).toBe(false);

      const [audit] = await auditRows('org_unit.update', id);
      expect(audit?.detail).toEqual({ fields: ['active'], active: { from: true, to: false } });

      const on = await inject(districtAdmin.token, 'PATCH', `/org-units/${id}`, { active: true });
      expect(on.statusCode).toBe(200);
      expect(on.json().active).toBe(true);
    });

    it('refuses creating under, or reactivating below, a deactivated unit', async () => {
      const street = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'closing-street',
        name: '待撤并街道服务站',
        level: 'street',
        parentId: ids.weidu,
      });
      const community = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'closing-community',
        name: '待撤并社区服务站',
        level: 'community',
        parentId: street.json().id,
      });
      expect(
        (await inject(districtAdmin.token, 'PATCH', `/org-units/${community.json().id}`, { active: false })).statusCode,
      ).toBe(200);
      expect(
        (await inject(districtAdmin.token, 'PATCH', `/org-units/${street.json().id}`, { active: false })).statusCode,
      ).toBe(200);

      const create = await inject(districtAdmin.token, 'POST', '/org-units', {
        code: 'closing-new',
        name: '新社区服务站',
        level: 'community',
        parentId: street.json().id,
      });
      expect(create.statusCode).toBe(409);
      expect(create.json().error.message).toBe('上级机构已停用，不能在其下新建机构');
      const reactivate = await inject(districtAdmin.token, 'PATCH', `/org-units/${community.json().id}`, {
        active: true,
      });
      expect(reactivate.statusCode).toBe(409);
      expect(reactivate.json().error.message).toBe('上级机构已停用，请先启用上级机构');
    });

    it('a street admin cannot deactivate their own unit while they are active in it', async () => {
      const response = await inject(streetAdmin.token, 'PATCH', `/org-units/${ids.xidajie}`, { active: false });
      expect(response.statusCode).toBe(409);
    });

    it('writes no audit row when nothing changes', async () => {
      const before = await auditRows('org_unit.update', ids.xidajie);
      const response = await inject(districtAdmin.token, 'PATCH', `/org-units/${ids.xidajie}`, {
        name: '西大街道退役军人服务站',
      });
      expect(response.statusCode).toBe(200);
      expect(await auditRows('org_unit.update', ids.xidajie)).toHaveLength(before.length);
    });
  });
});
