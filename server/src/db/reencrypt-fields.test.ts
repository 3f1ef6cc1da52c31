import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher, keyRing } from '../lib/field-cipher';
import { createCitizen, testIdNumber } from '../testing/fixtures';
import { unboundCiphertext } from '../testing/legacy-cipher';
import { createTestApp, type TestApp } from '../testing/test-app';
import { reencryptFields } from './reencrypt-fields';
import { users } from './schema/index';
import { sealedIn } from './sealed-columns';

describe('cli reencrypt-fields', () => {
  let ctx: TestApp;

  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('seals values from before the row binding and rotates old keys out, once', async () => {
    const { app } = ctx;
    const { DATA_ENCRYPTION_KEY: oldKey, DATA_ENCRYPTION_KEY_VERSION: oldVersion } = app.config;
    const legacy = await createCitizen(app);
    await app.db
      .update(users)
      .set({ nameCipher: unboundCiphertext(oldKey, oldVersion, '欧阳建国') })
      .where(eq(users.id, legacy.id));
    const current = await createCitizen(app, { identity: { name: '司马光', idNumber: testIdNumber(901) } });

    const rotated = createFieldCipher(
      keyRing(randomBytes(32).toString('base64'), oldVersion + 1, `${oldVersion}:${oldKey}`),
    );
    const first = await reencryptFields(app.db, rotated);
    expect(first.rewritten).toBeGreaterThanOrEqual(3);
    expect(await reencryptFields(app.db, rotated)).toEqual({ rewritten: 0, current: first.rewritten + first.current });

    const stored = async (id: number) => (await app.db.select().from(users).where(eq(users.id, id)))[0];
    const legacyRow = await stored(legacy.id);
    const currentRow = await stored(current.id);
    expect(legacyRow?.nameCipher).toMatch(new RegExp(`^r${oldVersion + 1}\\.`));
    expect(rotated.decrypt(legacyRow?.nameCipher ?? '', sealedIn(users.nameCipher, legacy.id))).toBe('欧阳建国');
    expect(rotated.decrypt(currentRow?.idNumberCipher ?? '', sealedIn(users.idNumberCipher, current.id))).toBe(
      testIdNumber(901),
    );
    // Sealed now: the legacy value no longer opens in another row or column.
    expect(() => rotated.decrypt(legacyRow?.nameCipher ?? '', sealedIn(users.nameCipher, current.id))).toThrow();
    expect(() => rotated.decrypt(legacyRow?.nameCipher ?? '', sealedIn(users.idNumberCipher, legacy.id))).toThrow();
  });
});
