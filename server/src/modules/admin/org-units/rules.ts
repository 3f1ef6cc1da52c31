import { type OrgLevel, orgLevelLabels, orgLevels } from '@veterans/shared';

/** Pure rules of the three-level tree 区中心 → 街道服务站 → 社区服务站; the routes apply them. */

export interface UnitProblem {
  code: 'VALIDATION_FAILED' | 'CONFLICT';
  message: string;
  /** The body field at fault, for the error's details. */
  field?: string;
}

/** The level a unit's children must have, or null for a community station (a leaf). */
export function childLevelOf(level: OrgLevel): OrgLevel | null {
  return orgLevels[orgLevels.indexOf(level) + 1] ?? null;
}

export interface PlacementInput {
  level: OrgLevel;
  /** The chosen parent, or null when none was given. */
  parent: { level: OrgLevel; active: boolean } | null;
  /** Whether a district centre exists already (there may be only one). */
  districtExists: boolean;
}

/**
 * May a unit of `level` be created under `parent`? Exactly one level below its parent; a district centre
 * has no parent and there is only one; nothing is created under a deactivated unit.
 */
export function decideUnitPlacement({ level, parent, districtExists }: PlacementInput): UnitProblem | null {
  if (parent === null) {
    if (level !== 'district') {
      return { code: 'VALIDATION_FAILED', field: 'parentId', message: `${orgLevelLabels[level]}必须指定上级机构` };
    }
    if (districtExists) return { code: 'CONFLICT', message: '区退役军人服务中心已存在，只能有一个' };
    return null;
  }
  if (level === 'district') {
    return { code: 'VALIDATION_FAILED', field: 'parentId', message: '区退役军人服务中心不能有上级机构' };
  }
  const expected = childLevelOf(parent.level);
  if (expected === null) {
    return { code: 'VALIDATION_FAILED', field: 'parentId', message: '社区退役军人服务站下不能再设下级机构' };
  }
  if (level !== expected) {
    return {
      code: 'VALIDATION_FAILED',
      field: 'level',
      message: `${orgLevelLabels[parent.level]}的下级只能是${orgLevelLabels[expected]}`,
    };
  }
  if (!parent.active) return { code: 'CONFLICT', message: '上级机构已停用，不能在其下新建机构' };
  return null;
}

/** The materialised path of a new unit: the parent's path plus its own code (`/weidu/xidajie/`). */
export function unitPathFor(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

export interface ActivationInput {
  /** The requested state. */
  active: boolean;
  currentlyActive: boolean;
  activeChildren: number;
  activeStaff: number;
  /** Submitted requests of the unit not finished yet (completed, rejected or withdrawn). */
  openRequests?: number;
  /** null for the district centre. */
  parentActive: boolean | null;
}

/**
 * May the unit's `active` flag change? Deactivating needs no active unit below it, no active staff in it and no
 * open request of it (so no request or account is left without an office); reactivating needs an active parent.
 */
export function decideUnitActivation(input: ActivationInput): UnitProblem | null {
  if (input.active === input.currentlyActive) return null;
  if (!input.active) {
    const reasons: string[] = [];
    const steps: string[] = [];
    if (input.activeChildren > 0) {
      reasons.push(`还有 ${input.activeChildren} 个启用中的下级机构`);
      steps.push('停用下级机构');
    }
    if (input.activeStaff > 0) {
      reasons.push(`还有 ${input.activeStaff} 个启用中的工作人员账号`);
      steps.push('停用或调走这些账号');
    }
    const openRequests = input.openRequests ?? 0;
    if (openRequests > 0) {
      reasons.push(`还有 ${openRequests} 件未办结的办件`);
      steps.push('办结这些办件');
    }
    if (reasons.length > 0) {
      return { code: 'CONFLICT', message: `该机构${reasons.join('，')}，不能停用。请先${steps.join('，')}。` };
    }
    return null;
  }
  if (input.parentActive === false) return { code: 'CONFLICT', message: '上级机构已停用，请先启用上级机构' };
  return null;
}
