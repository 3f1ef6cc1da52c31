import { describe, expect, it } from 'vitest';
import { isWithinScope } from './scope';

describe('isWithinScope', () => {
  it('includes the unit itself and units below it', () => {
    expect(isWithinScope('/weidu/xidajie/', '/weidu/xidajie/')).toBe(true);
    expect(isWithinScope('/weidu/xidajie/', '/weidu/xidajie/xidajie-wenhua/')).toBe(true);
    expect(isWithinScope('/weidu/', '/weidu/nanguan/nanguan-nanhu/')).toBe(true);
  });

  it('excludes sibling and parent units, even with a shared code prefix', () => {
    expect(isWithinScope('/weidu/xidajie/', '/weidu/dongdajie/')).toBe(false);
    expect(isWithinScope('/weidu/xidajie/', '/weidu/')).toBe(false);
    expect(isWithinScope('/weidu/nan/', '/weidu/nanguan/')).toBe(false);
  });
});
