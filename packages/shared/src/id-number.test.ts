import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, idNumberSchema, parseIdNumber } from './id-number';

// Built with the GB 11643 algorithm; not a real person's number.
const valid = (first17: string) => first17 + idNumberCheckCharacter(first17);

describe('parseIdNumber', () => {
  it('accepts a number with the right check character and reads birth date and gender', () => {
    const id = valid('41100219650315101');
    expect(parseIdNumber(id)).toEqual({ birthDate: '1965-03-15', gender: 'male' });
  });

  it('accepts a lower-case x check character', () => {
    const sequences = Array.from({ length: 1000 }, (_, n) => `41100219700101${String(n).padStart(3, '0')}`);
    const first17 = sequences.find((candidate) => idNumberCheckCharacter(candidate) === 'X');
    expect(parseIdNumber(`${first17}x`)).not.toBeNull();
  });

  it('rejects a wrong check character', () => {
    const id = valid('41100219650315101');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(parseIdNumber(wrong)).toBeNull();
  });

  it('rejects an impossible or future birth date', () => {
    expect(parseIdNumber(valid('41100219650230101'))).toBeNull();
    expect(parseIdNumber(valid('41100230000101101'), new Date('2026-01-01'))).toBeNull();
  });

  it('rejects wrong lengths and characters', () => {
    expect(parseIdNumber('4110021965031510')).toBeNull();
    expect(parseIdNumber('41100219650315101A')).toBeNull();
    expect(parseIdNumber("' OR 1=1 --")).toBeNull();
  });
});

describe('idNumberSchema', () => {
  it('normalises and explains in Chinese', () => {
    const id = valid('41100219650315101');
    expect(idNumberSchema.parse(` ${id.toLowerCase()} `)).toBe(id);
    const result = idNumberSchema.safeParse('123');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('身份证号码不正确');
  });

  it('asks for the number when the box is empty (empty is not wrong)', () => {
    for (const empty of ['', '   ']) {
      const issues = idNumberSchema.safeParse(empty).error?.issues ?? [];
      expect(issues.map((issue) => issue.message)).toEqual(['请输入身份证号码']);
    }
  });
});
