import { staffRequestDetailPage } from '@veterans/shared';
import { routes, withQuery } from '../../navigation/routes';
import { type QueueFilter, queuePageParams } from './queue-filter';

/** The staff subpackage's pages (app.config.ts lists them under subpackages/staff). */
export const staffPages = {
  workbench: routes.workbench,
  queue: routes.staffQueue,
  /** Named by notifications too (packages/shared: staffRequestDetailPage). */
  request: routes.staffRequest,
  verifications: routes.staffVerifications,
  familyLinks: routes.staffFamilyLinks,
  /** Named by notifications too (packages/shared: staffFollowUpsPage). */
  followUps: routes.staffFollowUps,
  inbox: routes.staffInbox,
  cannedReplies: routes.staffCannedReplies,
  counter: routes.staffCounter,
  counterReceipt: routes.staffCounterReceipt,
  /** Named by notifications too (server/src/modules/home-filing). */
  homeFiling: routes.staffHomeFiling,
} as const;

export const queueUrl = (filter: QueueFilter = {}) => withQuery(staffPages.queue, queuePageParams(filter));
export const requestUrl = (id: number) => staffRequestDetailPage(id);

const pagePaths: ReadonlySet<string> = new Set(Object.values(staffPages));

/** A notification's link, when it names a page of this app that staff can open (others are only marked read). */
export function openableStaffLink(link: string | null): string | null {
  if (!link?.startsWith('/')) return null;
  return pagePaths.has(link.split('?')[0] ?? '') ? link : null;
}
