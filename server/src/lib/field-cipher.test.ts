import { describe, expect, it } from 'vitest';
import { createFieldCipher, keyRing } from './field-cipher';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');

describe('field cipher', () => {
  const cipher = createFieldCipher(keyRing(keyA, 1, ''));

  it('round-trips Chinese text and never stores it in plain', () => {
    const stored = cipher.encrypt('张三 41100219650315101X');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('张三');
    expect(stored).not.toContain('41100219650315101X');
    expect(cipher.decrypt(stored)).toBe('张三 41100219650315101X');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('detects tampering', () => {
    const stored = cipher.encrypt('13800138000');
    const parts = stored.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('13900139000').toString('base64url')].join('.');
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('refuses a shortened authentication tag (GCM would otherwise check only its first bytes)', () => {
    const [version, iv, tag, ciphertext] = cipher.encrypt('410102196501011234').split('.');
    const shortTag = Buffer.from(tag as string, 'base64url')
      .subarray(0, 4)
      .toString('base64url');
    expect(() => cipher.decrypt([version, iv, shortTag, ciphertext].join('.'))).toThrow('Unreadable encrypted field');
  });

  it('reads values written under an older key after rotation, and keeps lookup hashes stable', () => {
    const rotated = createFieldCipher(keyRing(keyB, 2, `1:${keyA}`));
    const old = cipher.encrypt('old value');
    expect(rotated.decrypt(old)).toBe('old value');
    expect(rotated.encrypt('new value')).toMatch(/^v2\./);
    expect(rotated.hash('41100219650315101X')).toBe(cipher.hash('41100219650315101X'));
  });

  it('hashes deterministically with a key', () => {
    expect(cipher.hash('a')).toBe(cipher.hash('a'));
    expect(cipher.hash('a')).not.toBe(createFieldCipher(keyRing(keyB, 1, '')).hash('a'));
    expect(cipher.hash('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
