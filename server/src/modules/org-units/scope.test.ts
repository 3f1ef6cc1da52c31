import { describe, expect, it } from 'vitest';
import { communityInScope, escapeLike, inScope, isWithinScope } from './scope';

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

describe('inScope', () => {
  it('refuses an object without a unit', () => {
    expect(inScope({ unitPath: '/weidu/' }, null)).toBe(false);
    expect(inScope({ unitPath: '/weidu/' }, undefined)).toBe(false);
  });
});

describe('communityInScope', () => {
  const street = { unitId: 2, unitPath: '/weidu/xidajie/', unitLevel: 'street' as const };
  const district = { unitId: 1, unitPath: '/weidu/', unitLevel: 'district' as const };

  it('covers the unit subtree only', () => {
    expect(communityInScope(street, '/weidu/xidajie/xidajie-wenhua/')).toBe(true);
    expect(communityInScope(street, '/weidu/dongdajie/dongdajie-dongcheng/')).toBe(false);
    expect(communityInScope(district, '/weidu/dongdajie/dongdajie-dongcheng/')).toBe(true);
  });

  it('people without a community are seen at district level only', () => {
    expect(communityInScope(street, null)).toBe(false);
    expect(communityInScope(district, null)).toBe(true);
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('/weidu/a_b%/')).toBe('/weidu/a\\_b\\%/');
  });
});
