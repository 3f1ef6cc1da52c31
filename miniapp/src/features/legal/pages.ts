/**
 * The pages of the legal consultation 法律咨询: citizens' booking pages (subpackages/legal) and the centre's desk
 * (subpackages/legal-desk: staff, lawyer, admin). Kept free of imports: the home page's tile pulls this into the
 * main package.
 */
export const legalPages = {
  /** 法律咨询: the service and its open days. */
  consult: '/subpackages/legal/consult/index',
  /** The booking form, `?slotId=&date=` (a full slot: its waitlist). */
  book: '/subpackages/legal/book/index',
  /** After booking, `?id=` (a booking) or `?waitlist=` (a waitlist entry). */
  confirmation: '/subpackages/legal/confirmation/index',
  /** 我的预约 (notifications link here: packages/shared legalMyBookingsPage; a test keeps the two equal). */
  mine: '/subpackages/legal/mine/index',
  /** 咨询记录: the lawyer's words to the person consulted (packages/shared legalRecordsPage). */
  records: '/subpackages/legal/records/index',
} as const;

export const legalDeskPages = {
  /** 当日预约, `?date=`. */
  day: '/subpackages/legal-desk/day/index',
  /** 现场登记, `?slotId=&date=`. */
  walkIn: '/subpackages/legal-desk/walk-in/index',
  /** The lawyer's record form, `?bookingId=&date=`. */
  record: '/subpackages/legal-desk/record/index',
  /** 咨询记录 (the lawyer's own: 我的记录). */
  records: '/subpackages/legal-desk/records/index',
  /** 受影响的预约. */
  impacts: '/subpackages/legal-desk/impacts/index',
  /** 排班规则. */
  rules: '/subpackages/legal-desk/rules/index',
  /** One rule's editor, `?id=` (none: a new rule). */
  rule: '/subpackages/legal-desk/rule/index',
  /** 停诊安排. */
  closures: '/subpackages/legal-desk/closures/index',
} as const;

/** `/x/index` + `{ a: 1 }` → `/x/index?a=1` (undefined left out). */
export function pageUrl(path: string, query: Record<string, string | number | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}
