import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema/index';
import { seedDemoData } from '../../../demo/seed';
import { bearer, createStaff, type StaffFixture, unitIdByCode } from '../../../testing/fixtures';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { pruneAuditLog } from './prune';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('admin: audit log', () => {
  let ctx: TestApp;
  let districtAdmin: StaffFixture;
  let streetAdmin: StaffFixture;
  let streetClerk: StaffFixture;
  let siblingClerk: StaffFixture;

  const search = (token: string, query = '') =>
    ctx.app.inject({ method: 'GET', url: `/api/v1/admin/audit-log${query}`, headers: bearer(token) });

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    districtAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    streetAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'xidajie' });
    streetClerk = await createStaff(ctx.app, { role: 'staff', unitCode: 'xidajie-wenhua' });
    siblingClerk = await createStaff(ctx.app, { role: 'staff', unitCode: 'dongdajie' });
    const at = (iso: string) => new Date(iso);
    await ctx.app.db.insert(auditLog).values([
      {
        actorId: streetClerk.id,
        actorRole: 'staff',
        action: 'request.view',
        targetType: 'request',
        targetId: '11',
        createdAt: at('2026-03-01T01:00:00Z'),
      },
      {
        actorId: streetClerk.id,
        actorRole: 'staff',
        action: 'identity.view',
        targetType: 'user',
        targetId: '5',
        createdAt: at('2026-03-02T01:00:00Z'),
      },
      {
        actorId: siblingClerk.id,
        actorRole: 'staff',
        action: 'identity.view',
        targetType: 'user',
        targetId: '6',
        createdAt: at('2026-03-03T01:00:00Z'),
      },
      {
        actorId: 77,
        actorRole: 'veteran',
        action: 'auth.wechat',
        targetType: 'user',
        targetId: '77',
        createdAt: at('2026-03-04T01:00:00Z'),
      },
      {
        actorId: null,
        actorRole: null,
        action: 'auth.staff_login_failed',
        detail: { username: 'nobody' },
        createdAt: at('2026-03-05T01:00:00Z'),
      },
    ]);
  });
  afterAll(() => ctx.close());

  it('lists entries newest first, paged', async () => {
    const response = await search(districtAdmin.token, '?pageSize=2&to=2026-04-01T00:00:00Z');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(body.items.map((item: { action: string }) => item.action)).toEqual([
      'auth.staff_login_failed',
      'auth.wechat',
    ]);
    expect(body.items[0]).toMatchObject({
      actorId: null,
      detail: { username: 'nobody' },
      createdAt: '2026-03-05T01:00:00.000Z',
    });
    const page3 = (await search(districtAdmin.token, '?pageSize=2&page=3&to=2026-04-01T00:00:00Z')).json();
    expect(page3.items.map((item: { action: string }) => item.action)).toEqual(['request.view']);
  });

  it('filters by actor, action, target and time range', async () => {
    const ids = async (query: string) =>
      (await search(districtAdmin.token, query)).json().items.map((item: { targetId: string }) => item.targetId);
    expect(await ids(`?actorId=${streetClerk.id}`)).toEqual(['5', '11']);
    expect(await ids('?action=identity.view')).toEqual(['6', '5']);
    expect(await ids('?targetType=user&targetId=6')).toEqual(['6']);
    expect(await ids('?actorRole=veteran')).toEqual(['77']);
    expect(await ids('?from=2026-03-02T01:00:00Z&to=2026-03-04T01:00:00Z')).toEqual(['6', '5']);
    expect(await ids('?from=2026-03-02T09:00:00%2B08:00&to=2026-03-03T00:00:00Z')).toEqual(['5']);
  });

  it('rejects a bad time range and bad paging', async () => {
    const reversed = await search(districtAdmin.token, '?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toBe('开始时间不能晚于结束时间');
    expect((await search(districtAdmin.token, '?from=yesterday')).statusCode).toBe(400);
    expect((await search(districtAdmin.token, '?pageSize=1000')).statusCode).toBe(400);
  });

  it('shows a street admin only what staff of their subtree did', async () => {
    const body = (await search(streetAdmin.token, '?to=2026-04-01T00:00:00Z')).json();
    expect(body.total).toBe(2);
    expect(body.items.every((item: { actorId: number }) => item.actorId === streetClerk.id)).toBe(true);
    expect((await search(streetAdmin.token, `?actorId=${siblingClerk.id}`)).json().total).toBe(0);
  });

  it('records each search as audit_log.search', async () => {
    await search(districtAdmin.token, '?action=identity.view&targetType=user');
    const [row] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit_log.search'))
      .orderBy(asc(auditLog.id));
    expect(row).toMatchObject({ actorId: districtAdmin.id, actorRole: 'admin' });
    const searches = (await search(districtAdmin.token, '?action=audit_log.search')).json();
    expect(searches.items.at(-1).detail).toEqual({ filters: ['to'] });
  });

  it('finds the audit rows of every admin action', async () => {
    const admin = bearer(districtAdmin.token);
    const weidu = await unitIdByCode(ctx.app, 'weidu');
    const unit = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/org-units',
      headers: admin,
      payload: { code: 'audit-street', name: '审计测试街道服务站', level: 'street', parentId: weidu },
    });
    const unitId = unit.json().id;
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/org-units/${unitId}`,
      headers: admin,
      payload: { phone: '0374-1111111' },
    });
    const staff = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: admin,
      payload: { username: 'auditee', displayName: '审计对象', role: 'staff', unitId, password: 'Audit-Passw0rd' },
    });
    const staffId = staff.json().id;
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${staffId}`,
      headers: admin,
      payload: { isSupervisor: true },
    });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/admin/staff/${staffId}/reset-password`,
      headers: admin,
      payload: { password: 'Audit-Passw0rd-2' },
    });
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${staffId}`,
      headers: admin,
      payload: { active: false },
    });

    const expected: [string, string, number][] = [
      ['org_unit.create', 'org_unit', unitId],
      ['org_unit.update', 'org_unit', unitId],
      ['staff.create', 'staff', staffId],
      ['staff.update', 'staff', staffId],
      ['staff.reset_password', 'staff', staffId],
      ['staff.disable', 'staff', staffId],
    ];
    for (const [action, targetType, targetId] of expected) {
      const found = (
        await search(districtAdmin.token, `?action=${action}&targetType=${targetType}&targetId=${targetId}`)
      ).json();
      expect(found.total, action).toBe(1);
      expect(found.items[0]).toMatchObject({ actorId: districtAdmin.id, actorRole: 'admin' });
      expect(found.items[0].requestId).toBeTruthy();
      expect(found.items[0].ip).toBeTruthy();
      expect(JSON.stringify(found.items[0].detail)).not.toMatch(/Audit-Passw0rd|审计对象/);
    }
  });

  it('exports the entries of a search as xlsx, within the caller scope, and records the export', async () => {
    const exportOf = (token: string, query: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/v1/admin/audit-log/export${query}`, headers: bearer(token) });
    const response = await exportOf(districtAdmin.token, '?action=identity.view&to=2026-04-01T00:00:00Z');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="audit-log_\d{8}-\d{4}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')).toMatch(/^审计日志_\d{8}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('时间（北京时间）');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '2026-03-03 09:00',
      siblingClerk.id,
      'staff',
      'identity.view',
      'user',
      '6',
    ]);
    expect(sheet.getRow(3).getCell(6).value).toBe('5');
    expect(String(sheet.getRow(5).getCell(1).value)).toMatch(/筛选条件：action、to；共 2 条$/);

    // A street admin exports only what staff of their subtree did.
    const street = await exportOf(streetAdmin.token, '?action=identity.view&to=2026-04-01T00:00:00Z');
    const streetBook = new ExcelJS.Workbook();
    await streetBook.xlsx.load(street.rawPayload as unknown as ArrayBuffer);
    const streetSheet = streetBook.getWorksheet('审计日志') as ExcelJS.Worksheet;
    expect(streetSheet.getRow(2).getCell(6).value).toBe('5');
    expect(streetSheet.getRow(3).getCell(1).value).toBeNull();

    const reversed = await exportOf(districtAdmin.token, '?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toBe('开始时间不能晚于结束时间');

    const [recorded] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit_log.export'))
      .orderBy(asc(auditLog.id));
    expect(recorded).toMatchObject({ actorId: districtAdmin.id, actorRole: 'admin', targetType: 'audit_log' });
    const detail = typeof recorded?.detail === 'string' ? JSON.parse(recorded.detail) : recorded?.detail;
    expect(detail).toEqual({ filters: ['action', 'to'], rows: 2, total: 2 });
  });

  it('has no route that changes or deletes entries', async () => {
    const [entry] = await ctx.app.db.select({ id: auditLog.id }).from(auditLog).limit(1);
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST'] as const) {
      for (const url of ['/api/v1/admin/audit-log', `/api/v1/admin/audit-log/${entry?.id}`]) {
        const response = await ctx.app.inject({ method, url, headers: bearer(districtAdmin.token), payload: {} });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    expect((await search(districtAdmin.token, `?to=2026-04-01T00:00:00Z`)).json().total).toBe(5);
  });
});

describe('pruneAuditLog', () => {
  let ctx: TestApp;
  const now = new Date('2026-11-26T08:00:00.000Z');
  const aged = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY_MS + extraMs);

  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const remaining = async () =>
    (await ctx.app.db.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.id))).map(
      (row) => row.action,
    );

  it('never deletes anything younger than 180 days, whatever retention is configured', async () => {
    await ctx.app.db.insert(auditLog).values([
      { action: 'age.10', createdAt: aged(10) },
      { action: 'age.179', createdAt: aged(179) },
      { action: 'age.180-just-younger', createdAt: aged(180, 1) },
      { action: 'age.180-exact', createdAt: aged(180) },
      { action: 'age.181', createdAt: aged(181) },
      { action: 'age.400', createdAt: aged(400) },
    ]);
    const result = await pruneAuditLog(ctx.app.db, now, { retentionDays: 7, batchSize: 1 });
    expect(result).toMatchObject({ deleted: 2, retentionDays: 180, cutoff: aged(180) });
    expect(await remaining()).toEqual([
      'age.10',
      'age.179',
      'age.180-just-younger',
      'age.180-exact',
      'audit_log.prune',
    ]);
  });

  it('keeps a year by default and records each prune', async () => {
    await ctx.app.db.insert(auditLog).values([
      { action: 'age.300', createdAt: aged(300) },
      { action: 'age.366', createdAt: aged(366) },
    ]);
    const result = await pruneAuditLog(ctx.app.db, now);
    expect(result).toMatchObject({ deleted: 1, retentionDays: 365 });
    expect(await remaining()).toContain('age.300');
    expect(await remaining()).not.toContain('age.366');
    const prunes = await ctx.app.db.select().from(auditLog).where(eq(auditLog.action, 'audit_log.prune'));
    expect(prunes.at(-1)?.detail).toEqual({ deleted: 1, cutoff: aged(365).toISOString(), retentionDays: 365 });
  });
});
