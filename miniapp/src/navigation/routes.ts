/** Every page of the app, as an absolute path for Taro's navigation APIs. */
export const routes = {
  home: '/pages/index/index',
  services: '/pages/services/index',
  mine: '/pages/mine/index',
  serviceGuide: '/subpackages/services/detail/index',
  notFound: '/subpackages/services/not-found/index',
  contact: '/subpackages/services/contact/index',
  signIn: '/subpackages/account/sign-in/index',
  identity: '/subpackages/account/identity/index',
  phone: '/subpackages/account/phone/index',
  counterClaim: '/subpackages/account/counter-claim/index',
  familyLinks: '/subpackages/account/family-links/index',
  privacyPolicy: '/subpackages/account/privacy-policy/index',
  exportData: '/subpackages/account/export/index',
  requestForm: '/subpackages/requests/form/index',
  myRequests: '/subpackages/requests/list/index',
  requestDetail: '/subpackages/requests/detail/index',
  inbox: '/subpackages/requests/inbox/index',
  homeFiling: '/subpackages/requests/home-filing/index',
  staffSignIn: '/subpackages/staff/sign-in/index',
  changePassword: '/subpackages/staff/change-password/index',
  workbench: '/subpackages/staff/workbench/index',
  staffQueue: '/subpackages/staff/queue/index',
  staffRequest: '/subpackages/staff/request/index',
  staffVerifications: '/subpackages/staff/verifications/index',
  staffFamilyLinks: '/subpackages/staff/family-links/index',
  staffFollowUps: '/subpackages/staff/follow-ups/index',
  staffInbox: '/subpackages/staff/inbox/index',
  staffCannedReplies: '/subpackages/staff/canned-replies/index',
  staffCounter: '/subpackages/staff/counter/index',
  staffCounterReceipt: '/subpackages/staff/counter-receipt/index',
  staffHomeFiling: '/subpackages/staff/home-filing/index',
  articleList: '/subpackages/articles/list/index',
  articleDetail: '/subpackages/articles/detail/index',
  contentAdmin: '/subpackages/content-admin/list/index',
  contentEditor: '/subpackages/content-admin/edit/index',
  staffStats: '/subpackages/staff-stats/overview/index',
  // 系统管理 (features/admin/pages.ts names them for the admin pages).
  adminUnits: '/subpackages/admin/units/index',
  adminStaff: '/subpackages/admin/staff/index',
  adminRoster: '/subpackages/admin/roster/index',
  adminAudit: '/subpackages/admin/audit/index',
  adminCalendar: '/subpackages/admin/calendar/index',
  adminBanks: '/subpackages/admin/banks/index',
  // 法律咨询 (features/legal/pages.ts names them for the legal pages; listed here so that sign-in and
  // notification links may return to them).
  legalConsult: '/subpackages/legal/consult/index',
  legalBook: '/subpackages/legal/book/index',
  legalConfirmation: '/subpackages/legal/confirmation/index',
  legalMine: '/subpackages/legal/mine/index',
  legalRecords: '/subpackages/legal/records/index',
  legalDeskDay: '/subpackages/legal-desk/day/index',
  legalDeskWalkIn: '/subpackages/legal-desk/walk-in/index',
  legalDeskRecord: '/subpackages/legal-desk/record/index',
  legalDeskRecords: '/subpackages/legal-desk/records/index',
  legalDeskImpacts: '/subpackages/legal-desk/impacts/index',
  legalDeskRules: '/subpackages/legal-desk/rules/index',
  legalDeskRule: '/subpackages/legal-desk/rule/index',
  legalDeskClosures: '/subpackages/legal-desk/closures/index',
} as const;

/** Tab pages can only be reached with switchTab, and never with a query string. */
export const tabPages: readonly string[] = [routes.home, routes.services, routes.mine];

export const signInPages: readonly string[] = [routes.signIn, routes.staffSignIn];

type QueryValue = string | number | boolean | undefined | null;

/** `/pages/x/index` + `{ a: 1 }` → `/pages/x/index?a=1` (undefined values left out). */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

/** The path part of a page URL, with a leading slash: `pages/mine/index?x=1` → `/pages/mine/index`. */
export function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

// Added by the H5 router or the runtime to tell page instances apart; never part of where the user was.
const INTERNAL_QUERY_KEYS = /^(\$taro|stamp$|__)/;

/** A page as Taro's getCurrentPages() describes it, on either platform. */
export interface PageLike {
  route?: string;
  path?: string;
  options?: Record<string, unknown>;
}

/** The URL of a page in the stack (path and its own query), to come back to it later. */
export function urlOfPage(page: PageLike): string {
  const raw = page.route || page.path || '';
  const query: Record<string, string> = {};
  const fromPath = (page.path ?? '').split('?')[1];
  if (fromPath) {
    for (const pair of fromPath.split('&')) {
      const [key = '', value = ''] = pair.split('=');
      if (key) query[decodeURIComponent(key)] = decodeURIComponent(value);
    }
  }
  for (const [key, value] of Object.entries(page.options ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      query[key] = String(value);
  }
  for (const key of Object.keys(query)) if (INTERNAL_QUERY_KEYS.test(key)) delete query[key];
  return withQuery(pathOf(raw), query);
}

const knownPaths: ReadonlySet<string> = new Set(Object.values(routes));

/**
 * A `redirect` query parameter made safe to navigate to: one of our own pages, never a sign-in page (that
 * would loop), otherwise `fallback`.
 */
export function safeRedirect(redirect: string | undefined, fallback: string): string {
  if (!redirect) return fallback;
  let url = redirect;
  // The mini-program hands query values over still encoded; the H5 router decodes them.
  if (!url.startsWith('/')) {
    try {
      url = decodeURIComponent(redirect);
    } catch {
      return fallback;
    }
  }
  if (!url.startsWith('/')) return fallback;
  const path = pathOf(url);
  if (!knownPaths.has(path) || signInPages.includes(path)) return fallback;
  return tabPages.includes(path) ? path : url;
}
