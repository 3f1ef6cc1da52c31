import type { OrgUnit } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { unitsInTree } from './units';

const unit = (id: number, name: string, level: OrgUnit['level'], parentId: number | null): OrgUnit => ({
  id,
  code: `u${id}`,
  name,
  level,
  parentId,
  address: null,
  latitude: null,
  longitude: null,
  phone: null,
  openingHours: null,
});

const units = [
  unit(1, '区中心', 'district', null),
  unit(3, '西关街道', 'street', 1),
  unit(2, '东大街道', 'street', 1),
  unit(4, '东大一社区', 'community', 2),
  unit(5, '西关一社区', 'community', 3),
];

describe('unitsInTree', () => {
  it('lists the caller’s unit and everything below it, each unit followed by its own', () => {
    expect(unitsInTree(units, 1).map((u) => u.id)).toEqual([1, 2, 4, 3, 5]);
    expect(unitsInTree(units, 3).map((u) => u.id)).toEqual([3, 5]);
    expect(unitsInTree(units, 5).map((u) => u.id)).toEqual([5]);
  });

  it('is empty without a unit, or for an unknown one', () => {
    expect(unitsInTree(units, null)).toEqual([]);
    expect(unitsInTree(units, 99)).toEqual([]);
  });
});
