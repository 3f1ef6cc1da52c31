import { describe, expect, it } from 'vitest';
import { communityInScope, escapeLike } from './staff-scope';

describe('communityInScope', () => {
  const street = { unitId: 2, path: '/weidu/xidajie/', isDistrict: false };
  const district = { unitId: 1, path: '/weidu/', isDistrict: true };

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
