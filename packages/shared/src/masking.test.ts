import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('masking', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('41100219650315101X')).toBe('4110**********101X');
  });
  it('masks the middle of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
  it('masks names of every length', () => {
    expect(maskName('李')).toBe('李');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
  it('never reveals short values', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('123')).toBe('***');
  });
});
