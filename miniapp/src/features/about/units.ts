import type { OrgUnit } from '@veterans/shared';

type Located = Pick<OrgUnit, 'name' | 'address' | 'latitude' | 'longitude'>;

/**
 * A map page for a unit on H5 (高德地图's URI API: opens the map app where installed, the web map otherwise), or
 * null without coordinates. Coordinates are GCJ-02, as WeChat's wx.openLocation takes them.
 */
export function mapUrl(unit: Located): string | null {
  if (unit.latitude === null || unit.longitude === null) return null;
  const query = new URLSearchParams({
    position: `${unit.longitude},${unit.latitude}`,
    name: unit.name,
    src: 'veterans-service',
    coordinate: 'gaode',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${query.toString()}`;
}

/** The unit a free-text place names (a consultation slot's 地点, e.g. "魏都区退役军人服务中心二楼"), longest name first. */
export function unitForPlace<T extends Pick<OrgUnit, 'name'>>(units: readonly T[], place: string): T | undefined {
  return [...units].sort((a, b) => b.name.length - a.name.length).find((unit) => place.includes(unit.name));
}

/** Units worth listing on 联系我们: those with an address or a phone, the district centre first (tree order kept). */
export function contactUnits<T extends Pick<OrgUnit, 'level' | 'address' | 'phone'>>(units: readonly T[]): T[] {
  const reachable = units.filter((unit) => unit.address || unit.phone);
  return [
    ...reachable.filter((unit) => unit.level === 'district'),
    ...reachable.filter((unit) => unit.level !== 'district'),
  ];
}
