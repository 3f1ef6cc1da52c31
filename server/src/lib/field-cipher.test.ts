import { describe, expect, it } from 'vitest';
import { unboundCiphertext } from '../testing/legacy-cipher';
import { createFieldCipher, type FieldSlot, isFieldCiphertext, keyRing } from './field-cipher';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const here: FieldSlot = { table: 'users', column: 'id_number_cipher', rowId: 7 };

describe('field cipher', () => {
  const cipher = createFieldCipher(keyRing(keyA, 1, ''));

  it('round-trips Chinese text and never stores it in plain', () => {
    const stored = cipher.encrypt('张三 41100219650315101X', here);
    expect(stored).toMatch(/^r1\./);
    expect(stored).not.toContain('张三');
    expect(stored).not.toContain('41100219650315101X');
    expect(cipher.decrypt(stored, here)).toBe('张三 41100219650315101X');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same', here)).not.toBe(cipher.encrypt('same', here));
  });

  it('detects tampering', () => {
    const stored = cipher.encrypt('13800138000', here);
    const parts = stored.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('13900139000').toString('base64url')].join('.');
    expect(() => cipher.decrypt(tampered, here)).toThrow();
  });

  it('refuses a shortened authentication tag (GCM would otherwise check only its first bytes)', () => {
    const [version, iv, tag, ciphertext] = cipher.encrypt('410102196501011234', here).split('.');
    const shortTag = Buffer.from(tag as string, 'base64url')
      .subarray(0, 4)
      .toString('base64url');
    expect(() => cipher.decrypt([version, iv, shortTag, ciphertext].join('.'), here)).toThrow(
      'Unreadable encrypted field',
    );
  });

  it('binds a value to its table, column and row: a copy anywhere else does not decrypt', () => {
    const stored = cipher.encrypt('410102196501011234', here);
    expect(() => cipher.decrypt(stored, { ...here, rowId: 8 })).toThrow('Unreadable encrypted field');
    expect(() => cipher.decrypt(stored, { ...here, column: 'name_cipher' })).toThrow('Unreadable encrypted field');
    expect(() => cipher.decrypt(stored, { ...here, table: 'veteran_roster' })).toThrow('Unreadable encrypted field');
    expect(() => cipher.encrypt('x', { ...here, rowId: 0 })).toThrow('No row id');
  });

  it('still reads values written before the binding, wherever they are, until they are re-encrypted', () => {
    const old = unboundCiphertext(keyA, 1, '旧数据');
    expect(isFieldCiphertext(old)).toBe(true);
    expect(cipher.decrypt(old, here)).toBe('旧数据');
    expect(cipher.isCurrent(old)).toBe(false);
    expect(cipher.isCurrent(cipher.encrypt('新数据', here))).toBe(true);
    expect(isFieldCiphertext('r1.普通文字')).toBe(false);
  });

  it('reads values written under an older key after rotation, and keeps lookup hashes stable', () => {
    const rotated = createFieldCipher(keyRing(keyB, 2, `1:${keyA}`));
    const old = cipher.encrypt('old value', here);
    expect(rotated.decrypt(old, here)).toBe('old value');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.encrypt('new value', here)).toMatch(/^r2\./);
    expect(rotated.hash('41100219650315101X')).toBe(cipher.hash('41100219650315101X'));
  });

  it('hashes deterministically with a key', () => {
    expect(cipher.hash('a')).toBe(cipher.hash('a'));
    expect(cipher.hash('a')).not.toBe(createFieldCipher(keyRing(keyB, 1, '')).hash('a'));
    expect(cipher.hash('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
