import { describe, expect, it } from 'vitest';
import { childLevelOf, decideUnitActivation, decideUnitPlacement, unitPathFor } from './rules';

const street = { level: 'street', active: true } as const;
const district = { level: 'district', active: true } as const;
const community = { level: 'community', active: true } as const;

describe('childLevelOf', () => {
  it('goes one level down and stops at the community', () => {
    expect(childLevelOf('district')).toBe('street');
    expect(childLevelOf('street')).toBe('community');
    expect(childLevelOf('community')).toBeNull();
  });
});

describe('decideUnitPlacement', () => {
  it('accepts a unit exactly one level below an active parent', () => {
    expect(decideUnitPlacement({ level: 'street', parent: district, districtExists: true })).toBeNull();
    expect(decideUnitPlacement({ level: 'community', parent: street, districtExists: true })).toBeNull();
  });

  it('refuses skipping a level or going up', () => {
    expect(decideUnitPlacement({ level: 'community', parent: district, districtExists: true })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'level',
      message: '区退役军人服务中心的下级只能是街道退役军人服务站',
    });
    expect(decideUnitPlacement({ level: 'street', parent: street, districtExists: true })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'level',
    });
  });

  it('refuses children of a community station', () => {
    expect(decideUnitPlacement({ level: 'community', parent: community, districtExists: true })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'parentId',
      message: '社区退役军人服务站下不能再设下级机构',
    });
  });

  it('a district has no parent, and only one may exist', () => {
    expect(decideUnitPlacement({ level: 'district', parent: null, districtExists: false })).toBeNull();
    expect(decideUnitPlacement({ level: 'district', parent: null, districtExists: true })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(decideUnitPlacement({ level: 'district', parent: district, districtExists: true })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'parentId',
    });
  });

  it('streets and communities need a parent', () => {
    for (const level of ['street', 'community'] as const) {
      expect(decideUnitPlacement({ level, parent: null, districtExists: true })).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'parentId',
      });
    }
  });

  it('refuses creating under a deactivated parent', () => {
    expect(
      decideUnitPlacement({ level: 'community', parent: { level: 'street', active: false }, districtExists: true }),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('unitPathFor', () => {
  it('appends the code to the parent path', () => {
    expect(unitPathFor(null, 'weidu')).toBe('/weidu/');
    expect(unitPathFor('/weidu/', 'xidajie')).toBe('/weidu/xidajie/');
    expect(unitPathFor('/weidu/xidajie/', 'xidajie-wenhua')).toBe('/weidu/xidajie/xidajie-wenhua/');
  });
});

describe('decideUnitActivation', () => {
  const base = { currentlyActive: true, activeChildren: 0, activeStaff: 0, parentActive: true };

  it('allows no-ops and deactivating an empty unit', () => {
    expect(decideUnitActivation({ ...base, active: true })).toBeNull();
    expect(decideUnitActivation({ ...base, active: false })).toBeNull();
  });

  it('refuses deactivating a unit with active children or staff, saying why in Chinese', () => {
    const children = decideUnitActivation({ ...base, active: false, activeChildren: 2 });
    expect(children?.code).toBe('CONFLICT');
    expect(children?.message).toContain('还有 2 个启用中的下级机构');
    const staff = decideUnitActivation({ ...base, active: false, activeStaff: 1 });
    expect(staff?.message).toContain('还有 1 个启用中的工作人员账号');
    const both = decideUnitActivation({ ...base, active: false, activeChildren: 1, activeStaff: 3 });
    expect(both?.message).toBe(
      '该机构还有 1 个启用中的下级机构，还有 3 个启用中的工作人员账号，不能停用。请先停用下级机构，停用或调走这些账号。',
    );
    const open = decideUnitActivation({ ...base, active: false, openRequests: 4 });
    expect(open?.code).toBe('CONFLICT');
    expect(open?.message).toContain('还有 4 件未办结的办件');
    expect(open?.message).toBe('该机构还有 4 件未办结的办件，不能停用。请先办结这些办件。');
  });

  it('reactivating needs an active parent', () => {
    const inactive = { ...base, currentlyActive: false };
    expect(decideUnitActivation({ ...inactive, active: true, parentActive: false })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(decideUnitActivation({ ...inactive, active: true })).toBeNull();
    expect(decideUnitActivation({ ...inactive, active: true, parentActive: null })).toBeNull();
  });
});
