import type { OrgUnit, StaffAccount } from '@veterans/shared';

/** The unit and every unit above it, nearest first (a broken or cyclic tree simply stops). */
export function ancestorIds(units: readonly OrgUnit[], unitId: number): number[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const chain: number[] = [];
  let current = byId.get(unitId);
  while (current && !chain.includes(current.id)) {
    chain.push(current.id);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return chain;
}

/** Whether `unitId` is `rootId` or lies below it. */
export function isWithin(units: readonly OrgUnit[], unitId: number, rootId: number): boolean {
  return ancestorIds(units, unitId).includes(rootId);
}

/**
 * The 街道 the queue can be narrowed to: the street-level units at or below the caller's unit. A street
 * station sees only itself (no choice to make), a community station none.
 */
export function streetChoices(units: readonly OrgUnit[], callerUnitId: number | null): OrgUnit[] {
  if (callerUnitId === null) return [];
  const streets = units.filter((unit) => unit.level === 'street' && isWithin(units, unit.id, callerUnitId));
  return streets.length > 1 ? streets : [];
}

/**
 * Who a request can be assigned to, as the server decides (requests/service.ts assignRequest): an active
 * staff or admin account whose unit is the request's unit or one above it (so the request is in their queue).
 * The admin list already holds only accounts in the caller's subtree.
 */
export function eligibleAssignees(
  accounts: readonly StaffAccount[],
  units: readonly OrgUnit[],
  requestUnitId: number,
): StaffAccount[] {
  const above = new Set(ancestorIds(units, requestUnitId));
  return accounts.filter((account) => account.active && account.role !== 'lawyer' && above.has(account.unitId));
}
