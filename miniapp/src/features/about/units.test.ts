import type { OrgUnit } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { contactUnits, mapUrl, unitForPlace } from './units';

const unit = (overrides: Partial<OrgUnit>): OrgUnit => ({
  id: 1,
  code: 'weidu',
  name: '魏都区退役军人服务中心',
  level: 'district',
  parentId: null,
  address: null,
  phone: null,
  latitude: null,
  longitude: null,
  openingHours: null,
  ...overrides,
});

describe('mapUrl', () => {
  it('puts the GCJ-02 point (longitude first) and the name in a 高德 marker link', () => {
    const url = mapUrl(unit({ latitude: 34.0277, longitude: 113.8226 }));
    expect(url).toMatch(/^https:\/\/uri\.amap\.com\/marker\?/);
    const query = new URL(url ?? '').searchParams;
    expect(query.get('position')).toBe('113.8226,34.0277');
    expect(query.get('name')).toBe('魏都区退役军人服务中心');
  });

  it('gives no link without coordinates', () => {
    expect(mapUrl(unit({ latitude: null, longitude: 113.8 }))).toBeNull();
  });
});

describe('unitForPlace', () => {
  const centre = unit({});
  const station = unit({ id: 2, code: 'x', name: '西大街道退役军人服务站', level: 'street', parentId: 1 });
  it('finds the unit the place names, also inside a longer text', () => {
    expect(unitForPlace([centre, station], '魏都区退役军人服务中心二楼')).toBe(centre);
    expect(unitForPlace([centre, station], '西大街道退役军人服务站')).toBe(station);
  });
  it('finds none for a place no unit is called', () => {
    expect(unitForPlace([centre, station], '许昌市法律援助中心')).toBeUndefined();
  });
});

describe('contactUnits', () => {
  it('lists units someone can reach, the district centre first', () => {
    const street = unit({ id: 2, level: 'street', phone: '0374-1111111' });
    const silent = unit({ id: 3, level: 'community' });
    const centre = unit({ id: 1, address: '许昌市魏都区' });
    expect(contactUnits([street, silent, centre]).map((entry) => entry.id)).toEqual([1, 2]);
  });
});
