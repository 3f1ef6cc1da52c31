import type { OrgUnit } from '@veterans/shared';

export interface CommunityOption {
  id: number;
  label: string;
}

/** Community stations to choose from, each followed by its sub-district: 文化社区退役军人服务站（西大街道）. */
export function communityOptions(units: readonly OrgUnit[]): CommunityOption[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return units
    .filter((unit) => unit.level === 'community')
    .map((unit) => {
      const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
      const street = parent?.name.replace(/退役军人服务站$/, '');
      return { id: unit.id, label: street ? `${unit.name}（${street}）` : unit.name };
    });
}
