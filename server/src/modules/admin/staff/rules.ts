import type { StaffRole, UpdateStaffBody } from '@veterans/shared';

/** Pure rules for editing staff accounts; the routes apply them. */

export interface StaffTarget {
  id: number;
  displayName: string;
  role: StaffRole;
  unitId: number;
  active: boolean;
  isSupervisor: boolean;
}

export type StaffChanges = Partial<Omit<StaffTarget, 'id'>>;

/** Only the fields whose value actually changes. */
export function staffChanges(target: StaffTarget, patch: UpdateStaffBody): StaffChanges {
  const changes: StaffChanges = {};
  if (patch.displayName !== undefined && patch.displayName !== target.displayName)
    changes.displayName = patch.displayName;
  if (patch.role !== undefined && patch.role !== target.role) changes.role = patch.role;
  if (patch.unitId !== undefined && patch.unitId !== target.unitId) changes.unitId = patch.unitId;
  if (patch.active !== undefined && patch.active !== target.active) changes.active = patch.active;
  if (patch.isSupervisor !== undefined && patch.isSupervisor !== target.isSupervisor)
    changes.isSupervisor = patch.isSupervisor;
  return changes;
}

/**
 * An admin cannot lock themselves out: not disable their own account, not give up the admin role, not move
 * themselves to another unit (which would shrink their own scope). Another admin has to do that.
 */
export function decideSelfEdit(actorId: number, targetId: number, changes: StaffChanges): string | null {
  if (actorId !== targetId) return null;
  if (changes.active === false) return '不能停用自己的账号，请由其他管理员操作';
  if (changes.role !== undefined) return '不能更改自己的角色，请由其他管理员操作';
  if (changes.unitId !== undefined) return '不能更改自己所属的机构，请由其他管理员操作';
  return null;
}

/**
 * Whether the account's refresh tokens must be revoked: when it is disabled, and when its role or unit
 * changes (the next sign-in then carries the new role and unit in its access token).
 */
export function changesEndSessions(changes: StaffChanges): boolean {
  return changes.active === false || changes.role !== undefined || changes.unitId !== undefined;
}

/** `staff.disable` when the account is being disabled, `staff.update` for every other change. */
export function staffAuditAction(changes: StaffChanges): 'staff.disable' | 'staff.update' {
  return changes.active === false ? 'staff.disable' : 'staff.update';
}

/**
 * The audit detail of an edit: the names of the changed fields, and before/after values only for fields that
 * are not personal data (role, unit, flags) — never the display name.
 */
export function staffAuditDetail(target: StaffTarget, changes: StaffChanges): Record<string, unknown> {
  const detail: Record<string, unknown> = { fields: Object.keys(changes) };
  for (const field of ['role', 'unitId', 'active', 'isSupervisor'] as const) {
    if (changes[field] !== undefined) detail[field] = { from: target[field], to: changes[field] };
  }
  return detail;
}
