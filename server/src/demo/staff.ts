import type { StaffRole } from '@veterans/shared';
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { orgUnits, staffAccounts } from '../db/schema/index';
import { hashPassword } from '../lib/passwords';

/**
 * The one password of every demo account. Demo only: `seedDemoData` runs only with DEMO_DATA=1, which the
 * configuration refuses under NODE_ENV=production.
 */
export const DEMO_STAFF_PASSWORD = 'Demo@2026pass';

export interface DemoStaffAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  /** Code of the org unit (see ./org-units.ts). */
  unitCode: string;
  isSupervisor: boolean;
  /** What the account is for, as the README lists it. */
  purpose: string;
}

/** The demo sign-ins the README lists; keep the two in step. All use DEMO_STAFF_PASSWORD. */
export const demoStaffAccounts: readonly DemoStaffAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员（演示）',
    role: 'admin',
    unitCode: 'weidu',
    isSupervisor: false,
    purpose: '区中心管理员：机构、人员账号、审计日志',
  },
  {
    username: 'staff',
    displayName: '区中心工作人员（演示）',
    role: 'staff',
    unitCode: 'weidu',
    isSupervisor: true,
    purpose: '区退役军人服务中心工作人员（主管），可见全区事项',
  },
  {
    username: 'xidajie',
    displayName: '西大街道工作人员（演示）',
    role: 'staff',
    unitCode: 'xidajie',
    isSupervisor: false,
    purpose: '西大街道服务站工作人员，可见本街道及所辖社区事项',
  },
  {
    username: 'wenhua',
    displayName: '文化社区工作人员（演示）',
    role: 'staff',
    unitCode: 'xidajie-wenhua',
    isSupervisor: false,
    purpose: '文化社区服务站工作人员，只见本社区事项',
  },
  {
    username: 'lawyer',
    displayName: '值班律师（演示）',
    role: 'lawyer',
    unitCode: 'weidu',
    isSupervisor: false,
    purpose: '法律援助中心值班律师，在区中心提供免费法律咨询',
  },
];

/**
 * Creates the demo staff accounts that do not exist yet (matched by username); existing accounts are left
 * exactly as they are, so seeding twice changes nothing. Demo accounts need no password change at sign-in.
 */
export async function seedDemoStaff(db: Database): Promise<void> {
  const usernames = demoStaffAccounts.map((account) => account.username);
  const existing = await db
    .select({ username: staffAccounts.username })
    .from(staffAccounts)
    .where(inArray(staffAccounts.username, usernames));
  const taken = new Set(existing.map((row) => row.username.toLowerCase()));
  const missing = demoStaffAccounts.filter((account) => !taken.has(account.username.toLowerCase()));
  if (missing.length === 0) return;

  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(inArray(orgUnits.code, [...new Set(missing.map((account) => account.unitCode))]));
  const unitIds = new Map(units.map((unit) => [unit.code, unit.id]));
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  for (const account of missing) {
    const unitId = unitIds.get(account.unitCode);
    if (unitId === undefined) throw new Error(`Demo unit ${account.unitCode} is missing; seed the org units first`);
    await db
      .insert(staffAccounts)
      .values({
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        role: account.role,
        unitId,
        isSupervisor: account.isSupervisor,
        active: true,
        mustChangePassword: false,
      })
      // Another instance seeding at the same moment: keep whichever row got there first.
      .onDuplicateKeyUpdate({ set: { username: account.username } });
  }
}
