import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../db/migrate';
import { users } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff, type StaffFixture, testIdNumber } from '../../testing/fixtures';
import { unboundCiphertext } from '../../testing/legacy-cipher';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { call, fileRequest } from '../requests/test-support';
import { backfillNameHashes } from './name-hash-backfill';
import { submitIdentity } from './test-support';

let testApp: TestApp;
let districtStaff: StaffFixture;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  districtStaff = await createStaff(testApp.app, { unitCode: 'weidu' });
});
afterAll(async () => {
  await testApp?.close();
});

/** Request ids the staff queue finds for `q` (GET /staff/requests: number or exact full name). */
async function search(q: string): Promise<number[]> {
  const response = await call(testApp.app, 'GET', `/staff/requests?q=${encodeURIComponent(q)}`, districtStaff.token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((item: { id: number }) => item.id);
}

const nameHashOf = async (id: number) =>
  (await testApp.app.db.select({ nameHash: users.nameHash }).from(users).where(eq(users.id, id)))[0]?.nameHash;

describe('backfillNameHashes', () => {
  it('gives identities stored without a name hash their hash, once, so staff search finds them by full name', async () => {
    const { app } = testApp;
    // As identities were stored before the hash was written: the name encrypted, no hash.
    const legacy = await createCitizen(app, {
      identity: { name: '欧阳建国', idNumber: testIdNumber(801) },
      communityCode: 'xidajie-wenhua',
      veteranStatus: 'verified',
    });
    await app.db.update(users).set({ nameHash: null }).where(eq(users.id, legacy.id));
    const request = await fileRequest(app, legacy);
    const current = await createCitizen(app, { identity: { name: '司马光', idNumber: testIdNumber(802) } });
    const currentHash = await nameHashOf(current.id);
    const anonymous = await createCitizen(app);
    // More than one batch of them.
    const [bulk] = await app.db.insert(users).values(
      Array.from({ length: 620 }, (_, index) => ({
        kind: 'family' as const,
        openid: `backfill-${index}`,
        // As versions before the row binding stored them.
        nameCipher: unboundCiphertext(
          app.config.DATA_ENCRYPTION_KEY,
          app.config.DATA_ENCRYPTION_KEY_VERSION,
          `批量${index}`,
        ),
      })),
    );
    const bulkIds = Array.from({ length: 620 }, (_, index) => bulk.insertId + index);

    expect(await search('欧阳建国')).toEqual([]);

    expect(await backfillNameHashes(app.db, app.cipher)).toBe(621);
    expect(await backfillNameHashes(app.db, app.cipher)).toBe(0);

    expect(await nameHashOf(legacy.id)).toBe(app.cipher.hash('欧阳建国'));
    expect(await nameHashOf(current.id)).toBe(currentHash);
    expect(await nameHashOf(anonymous.id)).toBeNull();
    const bulkRows = await app.db.select().from(users).where(inArray(users.id, bulkIds));
    expect(bulkRows.every((row, index) => row.nameHash === app.cipher.hash(`批量${index}`))).toBe(true);
    expect(await search('欧阳建国')).toEqual([request.id]);
  });

  it('runs after the migrations when they are given the data keys (start-up, db:migrate), not without them', async () => {
    const { app } = testApp;
    const citizen = await createCitizen(app, { identity: { name: '诸葛亮', idNumber: testIdNumber(804) } });
    await app.db.update(users).set({ nameHash: null }).where(eq(users.id, citizen.id));
    await runMigrations(testApp.database.url);
    expect(await nameHashOf(citizen.id)).toBeNull();
    await runMigrations(testApp.database.url, app.cipher);
    expect(await nameHashOf(citizen.id)).toBe(app.cipher.hash('诸葛亮'));
  });
});

describe('writing a name writes its hash', () => {
  it('PUT /me/identity stores the hash with the name (inner spaces collapsed), and DELETE /me clears both', async () => {
    const { app } = testApp;
    const citizen = await createCitizen(app, { communityCode: 'xidajie-wenhua' });
    const stored = await submitIdentity(app, citizen.token, { name: 'Abdu  Rahman', idNumber: testIdNumber(803) });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(await nameHashOf(citizen.id)).toBe(app.cipher.hash('Abdu Rahman'));

    const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/me', headers: bearer(citizen.token) });
    expect(deleted.statusCode).toBe(200);
    const [row] = await app.db.select().from(users).where(eq(users.id, citizen.id));
    expect(row).toMatchObject({ nameCipher: null, nameHash: null });
  });
});
