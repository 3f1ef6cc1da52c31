import { describe, expect, it } from 'vitest';
import {
  changesEndSessions,
  decideSelfEdit,
  type StaffTarget,
  staffAuditAction,
  staffAuditDetail,
  staffChanges,
} from './rules';

const target: StaffTarget = {
  id: 7,
  displayName: '张三',
  role: 'staff',
  unitId: 2,
  active: true,
  isSupervisor: false,
};

describe('staffChanges', () => {
  it('keeps only fields whose value changes', () => {
    expect(staffChanges(target, { displayName: '张三', role: 'staff', unitId: 2, active: true })).toEqual({});
    expect(staffChanges(target, { role: 'admin', active: true, isSupervisor: true })).toEqual({
      role: 'admin',
      isSupervisor: true,
    });
  });
});

describe('decideSelfEdit', () => {
  it('lets an admin edit anyone else freely', () => {
    expect(decideSelfEdit(1, 7, { active: false, role: 'lawyer', unitId: 3 })).toBeNull();
  });

  it('refuses disabling, demoting or moving oneself', () => {
    expect(decideSelfEdit(7, 7, { active: false })).toContain('不能停用自己的账号');
    expect(decideSelfEdit(7, 7, { role: 'staff' })).toContain('不能更改自己的角色');
    expect(decideSelfEdit(7, 7, { unitId: 3 })).toContain('不能更改自己所属的机构');
  });

  it('allows editing one’s own name and supervisor flag', () => {
    expect(decideSelfEdit(7, 7, { displayName: '李四', isSupervisor: true })).toBeNull();
  });
});

describe('changesEndSessions', () => {
  it('ends sessions on disable, role change or unit change only', () => {
    expect(changesEndSessions({ active: false })).toBe(true);
    expect(changesEndSessions({ role: 'admin' })).toBe(true);
    expect(changesEndSessions({ unitId: 9 })).toBe(true);
    expect(changesEndSessions({ active: true, displayName: 'x', isSupervisor: true })).toBe(false);
  });
});

describe('audit of an edit', () => {
  it('is staff.disable when disabling, staff.update otherwise', () => {
    expect(staffAuditAction({ active: false, role: 'lawyer' })).toBe('staff.disable');
    expect(staffAuditAction({ active: true })).toBe('staff.update');
    expect(staffAuditAction({ displayName: 'x' })).toBe('staff.update');
  });

  it('names the changed fields and never carries the display name', () => {
    const detail = staffAuditDetail(target, { displayName: '李四', role: 'admin', active: false });
    expect(detail).toEqual({
      fields: ['displayName', 'role', 'active'],
      role: { from: 'staff', to: 'admin' },
      active: { from: true, to: false },
    });
    expect(JSON.stringify(detail)).not.toContain('李四');
    expect(JSON.stringify(detail)).not.toContain('张三');
  });
});
