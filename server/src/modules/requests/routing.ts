import type { OrgLevel } from '@veterans/shared';

export interface RouteUnit {
  id: number;
  level: OrgLevel;
  active: boolean;
}

const depth: Record<OrgLevel, number> = { district: 0, street: 1, community: 2 };

/**
 * Which unit receives a submitted request. `chain` is the subject's community and its ancestors, district
 * first (empty when the subject chose no community). A service handled at community level goes to the
 * subject's community station; one handled at district level to the district centre. A deactivated unit
 * passes its requests up to the nearest active unit above it. Null: no unit on the chain can take it (the
 * caller then falls back to the district centre).
 */
export function chooseUnit(handledBy: OrgLevel, chain: readonly RouteUnit[]): number | null {
  const candidates = chain.filter((unit) => unit.active && depth[unit.level] <= depth[handledBy]);
  const deepest = candidates.reduce<RouteUnit | null>(
    (best, unit) => (best === null || depth[unit.level] > depth[best.level] ? unit : best),
    null,
  );
  return deepest?.id ?? null;
}
