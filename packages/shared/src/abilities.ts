import type { Role } from './auth';
import type { OrgLevel } from './services';

/**
 * What a signed-in caller may do. Routes declare the one ability they need; the app's guards and menus ask the
 * same question of the same table, so the two never disagree about who may open what.
 */
export const abilities = [
  /** File and follow their own requests, book consultations, link family, keep their identity (citizens). */
  'services.use',
  /** Work the requests routed to their unit subtree: queue, detail, transitions, thread, visits, replies. */
  'requests.work',
  /** Close the 差评 follow-ups of their subtree (supervisors 分管负责人 and admins). */
  'requests.follow-up',
  /**
   * 窗口代办: find or register a person who comes to the counter or phones (their community in the subtree) and
   * file requests for them.
   */
  'counter.file',
  /** Verify veterans, read full identities, confirm family links, in their subtree. */
  'veterans.verify',
  /** Run the consultation day at the district centre: check-in, no-show, walk-ins, affected bookings. */
  'legal.desk',
  /** Read the day's consultation list and the consultation records. */
  'legal.day',
  /** Write the record of a consultation (the lawyer on duty). */
  'legal.record',
  /** Set the consultation schedule: rules and closures. */
  'legal.schedule',
  /** Create, rename and deactivate org units in their subtree. */
  'units.administer',
  /** Create and manage staff accounts in their subtree. */
  'staff.administer',
  /** Import the veteran roster for their subtree and read the reports. */
  'roster.import',
  /** Read the audit log of their subtree. */
  'audit.read',
  /** See the district's holiday calendar in the back office. */
  'calendar.read',
  /** Keep the district's holiday calendar (one calendar for every unit). */
  'calendar.manage',
  /** Keep the list of 优待证 partner banks (one list for the district). */
  'banks.manage',
  /** Write, publish and unpublish articles of their subtree. */
  'content.edit',
  /** Pin district-wide notices on the home page. */
  'content.pin',
  /** Read the statistics of their subtree. */
  'statistics.read',
] as const;
export type Ability = (typeof abilities)[number];

interface Grant {
  role: Role;
  /** Only for staff whose unit is at this level (the district centre, a street station, a community). */
  level?: OrgLevel;
  /** Only for supervisors 分管负责人. */
  supervisor?: true;
  abilities: readonly Ability[];
}

const CASEWORK: readonly Ability[] = [
  'requests.work',
  'counter.file',
  'veterans.verify',
  'content.edit',
  'statistics.read',
];
const CENTRE_DESK: readonly Ability[] = ['legal.desk', 'legal.day', 'content.pin'];

/** Roles as data: every grant that applies to a caller adds its abilities. */
export const abilityTable: readonly Grant[] = [
  { role: 'veteran', abilities: ['services.use'] },
  { role: 'family', abilities: ['services.use'] },
  { role: 'staff', abilities: CASEWORK },
  { role: 'staff', supervisor: true, abilities: ['requests.follow-up'] },
  { role: 'staff', level: 'district', abilities: CENTRE_DESK },
  { role: 'lawyer', abilities: ['legal.day', 'legal.record'] },
  {
    role: 'admin',
    abilities: [
      ...CASEWORK,
      'requests.follow-up',
      'units.administer',
      'staff.administer',
      'roster.import',
      'audit.read',
      'calendar.read',
    ],
  },
  {
    role: 'admin',
    level: 'district',
    abilities: [...CENTRE_DESK, 'legal.schedule', 'calendar.manage', 'banks.manage'],
  },
];

/** The facts about a caller that abilities depend on (a session's principal carries them). */
export interface AbilitySubject {
  role: Role;
  /** Level of the staff member's unit; null for citizens. */
  unitLevel: OrgLevel | null;
  isSupervisor: boolean;
}

export function abilitiesOf(subject: AbilitySubject): ReadonlySet<Ability> {
  const granted = new Set<Ability>();
  for (const grant of abilityTable) {
    if (grant.role !== subject.role) continue;
    if (grant.level && grant.level !== subject.unitLevel) continue;
    if (grant.supervisor && !subject.isSupervisor) continue;
    for (const ability of grant.abilities) granted.add(ability);
  }
  return granted;
}

export function can(subject: AbilitySubject, ability: Ability): boolean {
  return abilitiesOf(subject).has(ability);
}

/** Why a caller without the ability is refused (the API's 403 message; the app says the same on the page). */
export const abilityDenials: Record<Ability, string> = {
  'services.use': '此功能供退役军人和家属使用',
  'requests.work': '此功能供服务中心、服务站工作人员使用',
  'requests.follow-up': '差评回访由分管负责人或管理员关闭',
  'counter.file': '窗口代办由服务中心、服务站工作人员办理',
  'veterans.verify': '实名核验由服务中心、服务站工作人员办理',
  'legal.desk': '法律咨询由区退役军人服务中心工作人员办理',
  'legal.day': '此页面供区退役军人服务中心工作人员和值班律师使用',
  'legal.record': '咨询记录由值班律师填写',
  'legal.schedule': '法律咨询排班由区中心管理员维护',
  'units.administer': '机构管理由管理员办理',
  'staff.administer': '人员账号由管理员管理',
  'roster.import': '退役军人花名册由管理员导入',
  'audit.read': '审计日志供管理员查看',
  'calendar.read': '节假日设置供管理员查看',
  'calendar.manage': '节假日设置由区中心管理员维护',
  'banks.manage': '优待证合作银行由区中心管理员维护',
  'content.edit': '内容管理供服务中心、服务站工作人员使用',
  'content.pin': '全区置顶通知由区中心发布',
  'statistics.read': '统计数据供服务中心、服务站工作人员查看',
};
