import type { OrgUnit, StaffAccount } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { ancestorIds, eligibleAssignees, isWithin, streetChoices } from './units';

const unit = (id: number, level: OrgUnit['level'], parentId: number | null): OrgUnit => ({
  id,
  code: `u${id}`,
  name: `单位${id}`,
  level,
  parentId,
  address: null,
  latitude: null,
  longitude: null,
  phone: null,
  openingHours: null,
});

const units = [
  unit(1, 'district', null),
  unit(2, 'street', 1),
  unit(3, 'street', 1),
  unit(4, 'community', 2),
  unit(5, 'community', 3),
];

describe('unit tree', () => {
  it('walks up to the district', () => {
    expect(ancestorIds(units, 4)).toEqual([4, 2, 1]);
    expect(isWithin(units, 4, 1)).toBe(true);
    expect(isWithin(units, 4, 3)).toBe(false);
  });

  it('stops on a cycle', () => {
    expect(ancestorIds([unit(8, 'street', 9), unit(9, 'street', 8)], 8)).toEqual([8, 9]);
  });
});

describe('streetChoices', () => {
  it('offers the streets below a district unit', () => {
    expect(streetChoices(units, 1).map((choice) => choice.id)).toEqual([2, 3]);
  });

  it('offers nothing to a street or community station, or without a unit', () => {
    expect(streetChoices(units, 2)).toEqual([]);
    expect(streetChoices(units, 4)).toEqual([]);
    expect(streetChoices(units, null)).toEqual([]);
  });
});

describe('eligibleAssignees', () => {
  const account = (id: number, unitId: number, extra: Partial<StaffAccount> = {}): StaffAccount => ({
    id,
    username: `s${id}`,
    displayName: `人员${id}`,
    role: 'staff',
    unitId,
    unitCode: `u${unitId}`,
    unitName: `单位${unitId}`,
    isSupervisor: false,
    active: true,
    mustChangePassword: false,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  });

  it('keeps active caseworkers of the request unit or above', () => {
    const accounts = [
      account(1, 1),
      account(2, 2),
      account(3, 3),
      account(4, 4),
      account(5, 2, { role: 'lawyer' }),
      account(6, 2, { active: false }),
      account(7, 1, { role: 'admin' }),
    ];
    expect(eligibleAssignees(accounts, units, 4).map((staff) => staff.id)).toEqual([1, 2, 4, 7]);
  });
});
