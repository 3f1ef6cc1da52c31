import {
  type AdminOrgUnit,
  type CalendarDay,
  type OrgLevel,
  STAFF_PASSWORD_MIN_LENGTH,
  staffPasswordSchema,
} from '@veterans/shared';

/** Pure helpers of the admin screens (tested in format.test.ts). */

export interface UnitNode {
  unit: AdminOrgUnit;
  depth: number;
  children: UnitNode[];
}

/** The units as a tree (district → streets → communities), each level sorted by name; orphans become roots. */
export function unitTree(units: readonly AdminOrgUnit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, depth: 0, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (list: UnitNode[], depth: number) => {
    list.sort((a, b) => a.unit.path.localeCompare(b.unit.path));
    for (const node of list) {
      node.depth = depth;
      settle(node.children, depth + 1);
    }
  };
  settle(roots, 0);
  return roots;
}

/** The tree flattened in display order, skipping the children of collapsed nodes. */
export function visibleUnits(roots: readonly UnitNode[], collapsed: ReadonlySet<number>): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (list: readonly UnitNode[]) => {
    for (const node of list) {
      out.push(node);
      if (!collapsed.has(node.unit.id)) walk(node.children);
    }
  };
  walk(roots);
  return out;
}

const childLevels: Record<OrgLevel, OrgLevel | null> = { district: 'street', street: 'community', community: null };

/** The level a new unit below `parent` has (null: a community has none below it). */
export function childLevelOf(level: OrgLevel): OrgLevel | null {
  return childLevels[level];
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=!';

/**
 * A temporary password the admin hands over once (the account must change it at first sign-in): 12 characters
 * without look-alikes (no 0/O, 1/l/I), with all four character classes, so it always passes the shared policy.
 * `random(n)` returns an integer in [0, n).
 */
export function temporaryPassword(random: (n: number) => number = secureRandom): string {
  const pick = (alphabet: string) => alphabet[random(alphabet.length)] ?? alphabet[0];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  const all = UPPER + LOWER + DIGITS;
  while (chars.length < Math.max(12, STAFF_PASSWORD_MIN_LENGTH)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  const password = chars.join('');
  return staffPasswordSchema.safeParse(password).success ? password : temporaryPassword(random);
}

function secureRandom(n: number): number {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint32Array) => Uint32Array } }).crypto;
  if (crypto?.getRandomValues) {
    const array = new Uint32Array(1);
    crypto.getRandomValues(array);
    return (array[0] ?? 0) % n;
  }
  return Math.floor(Math.random() * n);
}

/** `YYYY-MM-DD` in the Beijing day of a `YYYY-MM-DD` date field → the instant its day starts, `…T00:00:00+08:00`. */
export function dayStart(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** The exclusive end of a date field's day: the next day's start (`to` of the audit search is exclusive). */
export function dayEnd(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1));
  return dayStart(next.toISOString().slice(0, 10));
}

export interface MonthCell {
  /** `YYYY-MM-DD`, or null for the blanks before the 1st and after the last day. */
  date: string | null;
  day: number;
  weekend: boolean;
  entry: CalendarDay | undefined;
}

/** A month as weeks of seven cells, Monday first (as Chinese calendars print it), with the year's entries. */
export function monthGrid(year: number, month: number, days: readonly CalendarDay[]): MonthCell[][] {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: MonthCell[] = Array.from({ length: lead }, () => ({
    date: null,
    day: 0,
    weekend: false,
    entry: undefined,
  }));
  for (let day = 1; day <= length; day += 1) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const weekday = (lead + day - 1) % 7;
    cells.push({ date, day, weekend: weekday >= 5, entry: byDate.get(date) });
  }
  while (cells.length % 7 !== 0) cells.push({ date: null, day: 0, weekend: false, entry: undefined });
  const weeks: MonthCell[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

/** Whether a date is a day off: an entry says so, otherwise the weekend. */
export function isDayOff(cell: MonthCell): boolean {
  if (cell.entry) return cell.entry.kind === 'holiday';
  return cell.weekend;
}

/** The columns the roster import reads (by header name, in any order; other columns are ignored). */
export const ROSTER_COLUMNS = ['姓名', '身份证号码', '退役日期', '所属社区', '手机号码'] as const;
export const ROSTER_TEMPLATE_NAME = '退役军人花名册模板.csv';

/** The roster template: the header row as CSV with a BOM, so that Excel reads the Chinese headers as UTF-8. */
export function rosterTemplateCsv(): string {
  return `\ufeff${ROSTER_COLUMNS.join(',')}\r\n`;
}

/** What the audit log's action codes mean, for the table (codes not listed are shown as they are). */
export const auditActionLabels: Record<string, string> = {
  'org_unit.create': '新建机构',
  'org_unit.update': '修改机构',
  'staff.create': '新建人员账号',
  'staff.update': '修改人员账号',
  'staff.disable': '停用人员账号',
  'staff.reset_password': '重置密码',
  'staff.unlock': '解除登录锁定',
  'roster.import': '导入花名册',
  'roster.view_full': '查看花名册完整信息',
  'audit_log.search': '查询审计日志',
  'audit_log.export': '导出审计日志',
  'audit_log.prune': '清理过期审计日志',
  'calendar.override_set': '设置节假日调整',
  'calendar.override_removed': '取消节假日调整',
  'card_bank.create': '新增优待证合作银行',
  'card_bank.update': '修改优待证合作银行',
  'request.view': '查看办件',
  'request.view_sensitive': '查看办件敏感信息',
  'request.transition': '办件状态变更',
  'request.assign': '指派承办人',
  'request.stage': '优待证办理环节',
  'request.reply': '答复申请人',
  'request.internal_note': '内部备注',
  'request.home_visit_recorded': '记录走访',
  'request.view_home_visit': '查看走访记录',
  'request.meeting_scheduled': '安排约访',
  'follow_up.close': '关闭差评回访',
  'identity.submitted': '提交实名信息',
  'identity.view': '查看实名信息',
  'identity.view_full': '查看完整实名信息',
  'identity.verified': '实名核验通过',
  'identity.rejected': '实名核验不通过',
  'identity.verified_by_roster': '名册自动认证',
  'family_link.requested': '申请家属关联',
  'upload.create': '上传附件',
  'upload.view_sensitive': '查看敏感附件',
  'article.create': '新建文章',
  'article.update': '修改文章',
  'article.publish': '发布文章',
  'article.unpublish': '撤下文章',
  'legal.check_in': '法律咨询签到',
  'legal.no_show': '法律咨询未到',
  'legal.walk_in': '法律咨询现场登记',
  'legal.record_created': '填写咨询记录',
  'legal.closure_created': '新增停诊',
  'legal.closure_removed': '取消停诊',
  'stats.view': '查看统计',
  'stats.export': '导出统计',
  'me.export': '导出个人数据',
  'me.deleted': '注销账号',
  'consent.granted': '同意授权',
  'consent.withdrawn': '撤回授权',
  'auth.staff.login': '工作人员登录',
  'auth.staff.login_failed': '工作人员登录失败',
  'auth.staff.password_changed': '修改密码',
  'auth.staff.password_change_failed': '修改密码失败',
  'auth.sms.login': '短信验证码登录',
  'auth.wechat.login': '微信登录',
  'auth.logout': '退出登录',
  'auth.refresh.reused': '刷新令牌被重复使用',
};

export function auditActionText(action: string): string {
  const label = auditActionLabels[action];
  return label ? `${label}（${action}）` : action;
}

/** `GET /admin/audit-log/export?…` for the download helper: the search's filters that are set, no paging. */
export function auditExportPath(filter: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(filter)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `/admin/audit-log/export${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
