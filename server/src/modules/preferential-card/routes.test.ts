import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/seed';
import { createCitizen, testIdNumber } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { call, verifiedCitizen } from '../requests/test-support';
import { insertRosterRow } from '../veterans/test-support';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
});

afterAll(async () => {
  await testApp?.close();
});

const eligibility = async (token: string) => call(testApp.app, 'GET', '/me/card-eligibility', token);

describe('GET /me/card-eligibility (优待证资格自查)', () => {
  it('says a veteran in the roster can apply online', async () => {
    const identity = { name: '周建国', idNumber: testIdNumber(9001) };
    const citizen = await createCitizen(testApp.app, {
      identity,
      communityCode: 'xidajie-wenhua',
      veteranStatus: 'verified',
    });
    await insertRosterRow(testApp.app, { ...identity, communityCode: 'xidajie-xihu' });
    const response = await eligibility(citizen.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      verdict: 'can_apply',
      title: '可以在线申请',
      station: { name: '西湖社区退役军人服务站' },
    });
  });

  it('sends a veteran missing from the roster to the station of their community to register first', async () => {
    const citizen = await verifiedCitizen(testApp.app, { communityCode: 'xidajie-wenhua' });
    const response = await eligibility(citizen.token);
    expect(response.json()).toMatchObject({
      verdict: 'register_first',
      title: '请先建档立卡',
      station: { name: '文化社区退役军人服务站' },
    });
    expect(response.json().message).toContain('到文化社区退役军人服务站办理信息采集（建档立卡）');
  });

  it('asks for the identity first, and tells a family account that the veteran applies', async () => {
    const withoutIdentity = await createCitizen(testApp.app, {});
    expect((await eligibility(withoutIdentity.token)).json()).toMatchObject({
      verdict: 'identity_needed',
      station: null,
    });
    const family = await verifiedCitizen(testApp.app, { kind: 'family', name: '周小红' });
    expect((await eligibility(family.token)).json().verdict).toBe('not_veteran');
  });
});
