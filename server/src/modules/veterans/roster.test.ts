import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, rosterImports, users, veteranRoster } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { seedDemoData } from '../../demo/seed';
import {
  bearer,
  createCitizen,
  createStaff,
  type StaffFixture,
  testIdNumber,
  unitIdByCode,
} from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { expiredToken } from '../me/test-support';
import { multipartFile, ROSTER_HEADER, type RosterLine, rosterCsv, rosterXlsx, uploadRoster } from './test-support';

describe('veteran roster import', () => {
  let ctx: TestApp;
  let admin: StaffFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    admin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
  });
  afterAll(() => ctx.close());

  const badCheckDigit = (id: string) => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

  it('refuses callers who are not admins, without or with an expired token', async () => {
    const { app } = ctx;
    const citizen = await createCitizen(app);
    const staff = await createStaff(app, { role: 'staff', unitCode: 'weidu' });
    const lawyer = await createStaff(app, { role: 'lawyer', unitCode: 'weidu' });
    const expired = await expiredToken(app, 'staff', admin.id);
    const file = multipartFile('roster.csv', rosterCsv([]));
    const routes = [
      {
        method: 'POST',
        url: '/api/v1/admin/veteran-roster',
        payload: file.payload,
        headers: { 'content-type': file.contentType },
      },
      { method: 'GET', url: '/api/v1/admin/veteran-roster/imports' },
      { method: 'GET', url: '/api/v1/admin/veteran-roster/imports/1' },
    ] as const;
    for (const route of routes) {
      const headers = 'headers' in route ? route.headers : {};
      const none = await app.inject({ ...route, headers });
      expect(none.json().error.code, route.url).toBe('UNAUTHORIZED');
      const old = await app.inject({ ...route, headers: { ...headers, ...bearer(expired) } });
      expect(old.json().error.code).toBe('TOKEN_EXPIRED');
      for (const token of [citizen.token, staff.token, lawyer.token]) {
        const response = await app.inject({ ...route, headers: { ...headers, ...bearer(token) } });
        expect(response.statusCode, route.url).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await app.db.select().from(rosterImports)).toHaveLength(0);
  });

  it('imports an xlsx roster row by row, verifies waiting veterans, stores nothing in clear; a second import changes nothing', async () => {
    const { app } = ctx;
    const ids = Array.from({ length: 4 }, (_, index) => testIdNumber(700 + index, '19680808'));
    const waiting = await createCitizen(app, {
      identity: { name: '刘德胜', idNumber: ids[1] as string },
      phone: '13855556666',
      veteranStatus: 'pending',
    });
    // Knows the name and ID number of a roster veteran, but has proven another phone: stays with staff.
    const impostor = await createCitizen(app, {
      identity: { name: '陈志强', idNumber: ids[2] as string },
      phone: '13900009999',
      veteranStatus: 'pending',
    });
    const lines: RosterLine[] = [
      ['王建国', ids[0] as string, new Date(Date.UTC(1990, 11, 1)), 'xidajie-wenhua', null],
      ['刘德胜', ids[1] as string, '1992-03-15', '西湖社区退役军人服务站', '138 5555 6666'],
      ['陈志强', ids[2] as string, '', '东城社区', '13877778888'],
      ['', ids[3] as string, '1990-01-01', 'weidu', null],
      ['赵敏', badCheckDigit(testIdNumber(710)), '1990-01-01', 'weidu', null],
      ['钱多', testIdNumber(711), '1990-01-01', '火星社区', null],
      ['孙悟', testIdNumber(712), '1990年13月1日', 'weidu', null],
      ['王建国', ids[0] as string, '1990-12-01', 'xidajie-wenhua', null],
      [null, null, null, null, null],
      ['周到', testIdNumber(713), '1995-06-30', 'nanguan', null],
    ];
    const xlsx = await rosterXlsx(lines, [...ROSTER_HEADER, '手机号码']);
    const first = await uploadRoster(app, admin.token, '2026年名册.xlsx', xlsx);
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({
      fileName: '2026年名册.xlsx',
      total: 9,
      added: 4,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      verifiedUsers: 1,
    });
    expect(report.rejections).toEqual([
      { row: 5, reason: '姓名为空' },
      { row: 6, reason: '身份证号码不正确（位数、出生日期或校验位有误）' },
      { row: 7, reason: '所属社区不存在（请填写服务站编码或完整名称）' },
      { row: 8, reason: '退役日期格式不正确（应为 2010-12-01 这样的日期）' },
      { row: 9, reason: '身份证号码与第 2 行重复' },
    ]);

    const [verified] = await app.db.select().from(users).where(eq(users.id, waiting.id));
    expect(verified).toMatchObject({
      veteranStatus: 'verified',
      communityUnitId: await unitIdByCode(app, 'xidajie-xihu'),
      dischargeDate: '1992-03-15',
    });
    const [stillWaiting] = await app.db.select().from(users).where(eq(users.id, impostor.id));
    expect(stillWaiting?.veteranStatus).toBe('pending');

    const [rows] = (await app.db.execute(sql`SELECT * FROM veteran_roster`)) as unknown as [Record<string, unknown>[]];
    expect(rows).toHaveLength(4);
    const [imports] = (await app.db.execute(sql`SELECT * FROM roster_imports`)) as unknown as [unknown[]];
    const raw = JSON.stringify(rows) + JSON.stringify(imports);
    for (const id of ids) expect(raw).not.toContain(id);
    for (const name of ['王建国', '刘德胜', '陈志强', '赵敏', '钱多', '孙悟', '周到']) expect(raw).not.toContain(name);
    expect(raw).not.toContain('13855556666');
    const [stored] = await app.db
      .select()
      .from(veteranRoster)
      .where(eq(veteranRoster.idNumberHash, app.cipher.hash(ids[0] as string)));
    expect(app.cipher.decrypt(stored?.nameCipher as string, sealedIn(veteranRoster.nameCipher, stored?.id ?? 0))).toBe(
      '王建国',
    );
    expect(stored?.dischargeDate).toBe('1990-12-01');

    const second = await uploadRoster(app, admin.token, '2026年名册.xlsx', xlsx);
    expect(second.json()).toMatchObject({
      total: 9,
      added: 0,
      updated: 0,
      unchanged: 4,
      rejected: 5,
      verifiedUsers: 0,
    });
    const [after] = (await app.db.execute(sql`SELECT * FROM veteran_roster`)) as unknown as [unknown[]];
    expect(after).toEqual(rows);

    const [audit] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'roster.import'), eq(auditLog.targetId, String(report.importId))));
    expect(audit).toMatchObject({
      actorId: admin.id,
      actorRole: 'admin',
      detail: {
        importId: report.importId,
        total: 9,
        added: 4,
        updated: 0,
        unchanged: 0,
        rejected: 5,
        verifiedUsers: 1,
      },
    });
  });

  it('imports CSV with or without BOM and with English headers; changed rows are updated, a repeat is unchanged', async () => {
    const { app } = ctx;
    const idA = testIdNumber(801, '19700101');
    const idB = testIdNumber(802, '19700101');
    const csv = rosterCsv([
      ['马超', idA, '1991-08-01', 'dongdajie-dongcheng'],
      ['黄忠', idB, '1989/7/1', 'dongdajie-chunqiu'],
      ['魏延', '41100219700101', '1990-01-01', 'weidu'],
    ]);
    const first = await uploadRoster(app, admin.token, 'roster.csv', csv);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 3, added: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.json().rejections).toEqual([{ row: 4, reason: '身份证号码不正确（位数、出生日期或校验位有误）' }]);

    const moved = rosterCsv(
      [
        ['马超', idA, '1991-08-01', 'nanguan-nanhu'],
        ['黄忠', idB, '1989-07-01', 'dongdajie-chunqiu'],
      ],
      { bom: false, header: ['name', 'idNumber', 'dischargeDate', 'community'] },
    );
    const second = await uploadRoster(app, admin.token, 'roster-v2.csv', moved);
    expect(second.json()).toMatchObject({ total: 2, added: 0, updated: 1, unchanged: 1, rejected: 0 });
    const again = await uploadRoster(app, admin.token, 'roster-v2.csv', moved);
    expect(again.json()).toMatchObject({ total: 2, added: 0, updated: 0, unchanged: 2, rejected: 0 });
    const [row] = await app.db
      .select()
      .from(veteranRoster)
      .where(eq(veteranRoster.idNumberHash, app.cipher.hash(idA)));
    expect(row?.communityUnitId).toBe(await unitIdByCode(app, 'nanguan-nanhu'));

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/veteran-roster/imports?pageSize=3',
      headers: bearer(admin.token),
    });
    expect(list.statusCode).toBe(200);
    expect(
      list.json().items.map((item: { fileName: string; updated: number }) => [item.fileName, item.updated]),
    ).toEqual([
      ['roster-v2.csv', 0],
      ['roster-v2.csv', 1],
      ['roster.csv', 0],
    ]);
    expect(list.json().total).toBeGreaterThanOrEqual(3);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/veteran-roster/imports/${first.json().importId}`,
      headers: bearer(admin.token),
    });
    expect(detail.json()).toMatchObject({ total: 3, added: 2, rejected: 1, rejections: [{ row: 4 }] });
  });

  it('accepts a file above the general 1 MiB body limit, up to 5 MB; refuses a larger one with 413', async () => {
    const { app } = ctx;
    const padding = ',,,\r\n'.repeat(400_000);
    const header = '姓名,身份证号码,退役日期,所属社区\r\n';
    const big = Buffer.from(`${header}吕布,${testIdNumber(901)},1990-01-01,weidu\r\n${padding}`);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const accepted = await uploadRoster(app, admin.token, 'big.csv', big);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ total: 1, added: 1 });

    const tooBig = Buffer.concat([Buffer.from(header), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const refused = await uploadRoster(app, admin.token, 'huge.csv', tooBig);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses what is not a roster: binary files, missing columns, no file at all', async () => {
    const { app } = ctx;
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const binary = await uploadRoster(app, admin.token, 'old.xls', xls);
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.code).toBe('IMPORT_INVALID_FILE');

    const noColumns = await uploadRoster(app, admin.token, 'x.csv', Buffer.from('姓名,电话\n张三,123\n'));
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error).toMatchObject({ code: 'IMPORT_INVALID_FILE' });
    expect(noColumns.json().error.message).toContain('身份证号码');

    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/veteran-roster',
      headers: bearer(admin.token),
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('IMPORT_INVALID_FILE');
  });
});

describe('veteran roster import within the admin’s subtree', () => {
  let ctx: TestApp;
  let districtAdmin: StaffFixture;
  let streetAdmin: StaffFixture;

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedDemoData(ctx.app.db);
    districtAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'weidu' });
    streetAdmin = await createStaff(ctx.app, { role: 'admin', unitCode: 'xidajie' });
  });
  afterAll(() => ctx.close());

  it('rejects row by row what lies outside a street admin’s subtree, and never moves a person into it', async () => {
    const { app } = ctx;
    const elsewhere = testIdNumber(801, '19700101');
    await uploadRoster(
      app,
      districtAdmin.token,
      'district.csv',
      rosterCsv([['张东城', elsewhere, '1990-01-01', '东城社区']]),
    );
    const ownId = testIdNumber(802, '19700101');
    const otherStreetId = testIdNumber(803, '19700101');

    const response = await uploadRoster(
      app,
      streetAdmin.token,
      'xidajie.csv',
      rosterCsv([
        ['王西湖', ownId, '1990-01-01', 'xidajie-xihu'],
        ['李东城', otherStreetId, '1990-01-01', '东城社区'],
        ['张东城', elsewhere, '1990-01-01', 'xidajie-wenhua'],
      ]),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ added: 1, rejected: 2 });
    expect(response.json().rejections).toEqual([
      { row: 3, reason: '所属社区不在您的管辖范围内' },
      { row: 4, reason: '该退役军人已登记在您管辖范围以外的社区，请联系区中心调整' },
    ]);
    const held = await app.db
      .select({ communityUnitId: veteranRoster.communityUnitId })
      .from(veteranRoster)
      .where(eq(veteranRoster.idNumberHash, app.cipher.hash(elsewhere)));
    expect(held).toEqual([{ communityUnitId: await unitIdByCode(app, 'dongdajie-dongcheng') }]);
  });

  it('shows a street admin only the imports of its subtree; the district admin sees them all', async () => {
    const { app } = ctx;
    const list = async (token: string) =>
      (await app.inject({ method: 'GET', url: '/api/v1/admin/veteran-roster/imports', headers: bearer(token) })).json();
    const street = await list(streetAdmin.token);
    expect(street.items.map((item: { fileName: string }) => item.fileName)).toEqual(['xidajie.csv']);
    expect(street.total).toBe(1);
    const district = await list(districtAdmin.token);
    expect(district.total).toBe(2);
    const districtImport = district.items.find((item: { fileName: string }) => item.fileName === 'district.csv');
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/veteran-roster/imports/${districtImport.id}`,
      headers: bearer(streetAdmin.token),
    });
    expect(hidden.statusCode).toBe(404);
  });
});
