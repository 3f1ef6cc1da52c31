import { type Ability, type AbilitySubject, can } from '@veterans/shared';
import { routes } from '../../navigation/routes';

/** The admin subpackage's pages (app.config.ts lists them under subpackages/admin). */
export const adminPages = {
  units: routes.adminUnits,
  staff: routes.adminStaff,
  roster: routes.adminRoster,
  audit: routes.adminAudit,
  calendar: routes.adminCalendar,
  banks: routes.adminBanks,
} as const;

export interface AdminLink {
  key: string;
  title: string;
  /** One line under the title. */
  text: string;
  url: string;
  /** Who sees the entry: the ability its page requires (the page checks the same one). */
  ability: Ability;
}

/** 系统管理: the workbench's entries to the admin screens, each for whoever the ability table lets open it. */
export const adminLinks: readonly AdminLink[] = [
  {
    key: 'units',
    title: '机构管理',
    text: '三级服务机构、地址电话、停用',
    url: adminPages.units,
    ability: 'units.administer',
  },
  {
    key: 'staff',
    title: '人员账号',
    text: '新建账号、重置密码、角色与机构、停用与解锁',
    url: adminPages.staff,
    ability: 'staff.administer',
  },
  {
    key: 'roster',
    title: '退役军人花名册导入',
    text: '上传 xlsx/csv、逐行结果、导入记录',
    url: adminPages.roster,
    ability: 'roster.import',
  },
  {
    key: 'audit',
    title: '审计日志',
    text: '按操作人、操作、对象、时间查询并导出',
    url: adminPages.audit,
    ability: 'audit.read',
  },
  {
    key: 'calendar',
    title: '节假日设置',
    text: '法定节假日与调休、管理员调整',
    url: adminPages.calendar,
    ability: 'calendar.read',
  },
  {
    key: 'banks',
    title: '优待证合作银行',
    text: '申请人可选择的发卡银行、停用与启用',
    url: adminPages.banks,
    ability: 'banks.manage',
  },
];

export function adminLinksFor(subject: AbilitySubject): AdminLink[] {
  return adminLinks.filter((link) => can(subject, link.ability));
}
