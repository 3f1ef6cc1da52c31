import type { OrgUnit } from '@veterans/shared';

/**
 * The units statistics may be asked for: `rootId` (the caller's unit) and every unit below it, in tree order —
 * each unit followed by the units under it, siblings by name — so the picker reads as the three-level system.
 */
export function unitsInTree(units: readonly OrgUnit[], rootId: number | null): OrgUnit[] {
  if (rootId === null) return [];
  const children = new Map<number, OrgUnit[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const root = units.find((unit) => unit.id === rootId);
  if (!root) return [];
  const ordered: OrgUnit[] = [];
  const seen = new Set<number>();
  const visit = (unit: OrgUnit) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    ordered.push(unit);
    const below = [...(children.get(unit.id) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const child of below) visit(child);
  };
  visit(root);
  return ordered;
}
