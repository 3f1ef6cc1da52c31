import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/seed';
import { createStaff, type StaffFixture } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { call, completeForm, verifiedCitizen } from '../requests/test-support';

let testApp: TestApp;
let districtAdmin: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  districtAdmin = await createStaff(testApp.app, { role: 'admin', unitCode: 'weidu' });
});

afterAll(async () => {
  await testApp?.close();
});

const names = (body: { items: { name: string }[] }) => body.items.map((bank) => bank.name);

/** A complete 优待证 application choosing `bank`, submitted at once. */
async function applyWith(bank: string) {
  const citizen = await verifiedCitizen(testApp.app);
  const formData = { ...(await completeForm(testApp.app, 'preferential-card', citizen.id)), bank };
  return call(testApp.app, 'POST', '/requests', citizen.token, {
    serviceCode: 'preferential-card',
    formData,
    submit: true,
  });
}

describe('优待证 partner banks', () => {
  it('offers the four national partners, seeded by the migration', async () => {
    const response = await call(testApp.app, 'GET', '/card-banks');
    expect(response.statusCode).toBe(200);
    expect(names(response.json())).toEqual(['中国工商银行', '中国农业银行', '中国邮政储蓄银行', '中国光大银行']);
  });

  it('lets the district admin add, rename and take a bank off the list; applicants then no longer see it', async () => {
    const created = await call(testApp.app, 'POST', '/admin/card-banks', districtAdmin.token, { name: '测试建设银行' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(names((await call(testApp.app, 'GET', '/card-banks')).json())).toContain('测试建设银行');

    const taken = await call(testApp.app, 'POST', '/admin/card-banks', districtAdmin.token, { name: ' 测试建设银行 ' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CARD_BANK_TAKEN');

    const renamed = await call(testApp.app, 'PATCH', `/admin/card-banks/${id}`, districtAdmin.token, {
      name: '测试银行甲',
    });
    expect(renamed.json()).toEqual({ id, name: '测试银行甲', active: true });
    const off = await call(testApp.app, 'PATCH', `/admin/card-banks/${id}`, districtAdmin.token, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(names((await call(testApp.app, 'GET', '/card-banks')).json())).not.toContain('测试银行甲');
    expect(names((await call(testApp.app, 'GET', '/admin/card-banks', districtAdmin.token)).json())).toContain(
      '测试银行甲',
    );
    expect(
      (await call(testApp.app, 'PATCH', '/admin/card-banks/999999', districtAdmin.token, { active: true })).statusCode,
    ).toBe(404);
    expect((await call(testApp.app, 'PATCH', `/admin/card-banks/${id}`, districtAdmin.token, {})).statusCode).toBe(400);
  });

  it('is kept by the district admin only', async () => {
    const streetAdmin = await createStaff(testApp.app, { role: 'admin', unitCode: 'xidajie' });
    const caseworker = await createStaff(testApp.app, { unitCode: 'weidu' });
    const citizen = await verifiedCitizen(testApp.app);
    for (const token of [streetAdmin.token, caseworker.token, citizen.token]) {
      const response = await call(testApp.app, 'POST', '/admin/card-banks', token, { name: '测试银行乙' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toBe('优待证合作银行由区中心管理员维护');
    }
    expect((await call(testApp.app, 'GET', '/admin/card-banks')).statusCode).toBe(401);
  });

  it('requires a bank in the 优待证 form and takes an active partner', async () => {
    const citizen = await verifiedCitizen(testApp.app);
    const { bank: _left, ...formData } = await completeForm(testApp.app, 'preferential-card', citizen.id);
    const missing = await call(testApp.app, 'POST', '/requests', citizen.token, {
      serviceCode: 'preferential-card',
      formData,
      submit: true,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toContainEqual({ path: 'body.formData.bank', message: '请选择发卡银行' });
    expect((await applyWith('中国邮政储蓄银行')).statusCode).toBe(201);
  });

  it('refuses a bank taken off the list, and one that was never a partner, with a Chinese message on the field', async () => {
    const created = await call(testApp.app, 'POST', '/admin/card-banks', districtAdmin.token, { name: '测试银行丙' });
    await call(testApp.app, 'PATCH', `/admin/card-banks/${created.json().id}`, districtAdmin.token, { active: false });
    const inactive = await applyWith('测试银行丙');
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error.details).toEqual([
      { path: 'body.formData.bank', message: '测试银行丙暂停办理优待证，请选择其他合作银行' },
    ]);
    const unknown = await applyWith('某某商业银行');
    expect(unknown.json().error.details).toEqual([
      { path: 'body.formData.bank', message: '所选银行不是优待证合作银行，请重新选择' },
    ]);
  });
});
