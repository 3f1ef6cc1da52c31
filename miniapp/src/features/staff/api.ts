import {
  type AppealMeeting,
  type AppealMeetingBody,
  appealMeetingSchema,
  type CannedReply,
  type CannedReplyBody,
  type CardStage,
  cannedReplySchema,
  type DisputeDecisionBody,
  type FollowUp,
  type FollowUpStatus,
  followUpSchema,
  type HomeVisit,
  type HomeVisitBody,
  homeVisitSchema,
  type NotificationPage,
  notificationPageSchema,
  notificationSchema,
  pagedSchema,
  type RequestMessage,
  type RosterRowReveal,
  requestMessageSchema,
  rosterRowRevealSchema,
  type StaffAccount,
  type StaffFamilyLink,
  type StaffFamilyLinkDecision,
  type StaffIdentityDispute,
  type StaffQueueItem,
  type StaffRequestDetail,
  staffAccountSchema,
  staffFamilyLinkDecisionSchema,
  staffFamilyLinkSchema,
  staffIdentityDisputeSchema,
  staffQueueItemSchema,
  staffRequestDetailSchema,
  type TransitionRequestBody,
  unreadCountSchema,
  type VerificationDecisionBody,
  type VerificationItem,
  verificationItemSchema,
  veteranStatusSchema,
} from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';
import { type QueueFilter, queueApiQuery } from './queue-filter';

/** The staff workbench's calls (see server/src/modules/requests/staff-routes.ts and the routes named below). */

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

const queuePageSchema = pagedSchema(staffQueueItemSchema);

export function fetchQueue(filter: QueueFilter, page = 1, pageSize?: number): Promise<Paged<StaffQueueItem>> {
  return request('GET', '/staff/requests', { schema: queuePageSchema, query: queueApiQuery(filter, page, pageSize) });
}

/** Only the number of matching requests (the workbench tiles). */
export async function countQueue(filter: QueueFilter): Promise<number> {
  const { total } = await request('GET', '/staff/requests', {
    schema: queuePageSchema,
    query: queueApiQuery(filter, 1, 1),
    quiet: true,
  });
  return total;
}

/** `reveal`: sensitive answers in full; the server records the view in the audit log. */
export function fetchStaffRequest(id: number, reveal = false): Promise<StaffRequestDetail> {
  return request('GET', `/staff/requests/${id}`, {
    schema: staffRequestDetailSchema,
    query: { reveal: reveal ? 'sensitive' : undefined },
  });
}

export function transitionStaffRequest(id: number, body: TransitionRequestBody): Promise<StaffRequestDetail> {
  return request('POST', `/staff/requests/${id}/transition`, { schema: staffRequestDetailSchema, body, quiet: true });
}

export function setRequestStage(id: number, stage: CardStage, pickupUnitId?: number): Promise<StaffRequestDetail> {
  return request('POST', `/staff/requests/${id}/stage`, {
    schema: staffRequestDetailSchema,
    body: { stage, pickupUnitId },
    quiet: true,
  });
}

export function assignStaffRequest(id: number, staffId: number | null): Promise<StaffRequestDetail> {
  return request('POST', `/staff/requests/${id}/assign`, { schema: staffRequestDetailSchema, body: { staffId } });
}

export async function fetchMessages(requestId: number): Promise<RequestMessage[]> {
  const { items } = await request('GET', `/requests/${requestId}/messages`, {
    schema: z.object({ items: z.array(requestMessageSchema) }),
  });
  return items;
}

export function postMessage(requestId: number, body: { body: string; internal: boolean }): Promise<RequestMessage> {
  return request('POST', `/requests/${requestId}/messages`, { schema: requestMessageSchema, body, quiet: true });
}

export async function fetchCannedReplies(): Promise<CannedReply[]> {
  const { items } = await request('GET', '/staff/canned-replies', {
    schema: z.object({ items: z.array(cannedReplySchema) }),
  });
  return items;
}

export function createCannedReply(body: CannedReplyBody): Promise<CannedReply> {
  return request('POST', '/staff/canned-replies', { schema: cannedReplySchema, body, quiet: true });
}

export async function deleteCannedReply(id: number): Promise<void> {
  await request('DELETE', `/staff/canned-replies/${id}`, { schema: z.unknown() });
}

/** Audited on the server: every look at the findings is recorded. */
export async function fetchHomeVisits(requestId: number): Promise<HomeVisit[]> {
  const { items } = await request('GET', `/staff/requests/${requestId}/home-visits`, {
    schema: z.object({ items: z.array(homeVisitSchema) }),
  });
  return items;
}

export function recordHomeVisit(requestId: number, body: HomeVisitBody): Promise<HomeVisit> {
  return request('POST', `/staff/requests/${requestId}/home-visits`, { schema: homeVisitSchema, body, quiet: true });
}

export async function fetchMeetings(requestId: number): Promise<AppealMeeting[]> {
  const { items } = await request('GET', `/staff/requests/${requestId}/meetings`, {
    schema: z.object({ items: z.array(appealMeetingSchema) }),
  });
  return items;
}

export function scheduleMeeting(requestId: number, body: AppealMeetingBody): Promise<AppealMeeting> {
  return request('POST', `/staff/requests/${requestId}/meetings`, {
    schema: appealMeetingSchema,
    body,
    quiet: true,
  });
}

const followUpPageSchema = pagedSchema(followUpSchema);

export function fetchFollowUps(status: FollowUpStatus, page = 1): Promise<Paged<FollowUp>> {
  return request('GET', '/staff/follow-ups', { schema: followUpPageSchema, query: { status, page, pageSize: 20 } });
}

export async function countOpenFollowUps(): Promise<number> {
  const { total } = await request('GET', '/staff/follow-ups', {
    schema: followUpPageSchema,
    query: { status: 'open', page: 1, pageSize: 1 },
    quiet: true,
  });
  return total;
}

export function closeFollowUp(id: number, note: string): Promise<FollowUp> {
  return request('POST', `/staff/follow-ups/${id}/close`, { schema: followUpSchema, body: { note }, quiet: true });
}

export function fetchVerifications(page = 1): Promise<Paged<VerificationItem>> {
  return request('GET', '/staff/verifications', {
    schema: pagedSchema(verificationItemSchema),
    query: { page, pageSize: 20 },
  });
}

export async function fetchIdentityDisputes(): Promise<StaffIdentityDispute[]> {
  const { items } = await request('GET', '/staff/identity-disputes', {
    schema: z.object({ items: z.array(staffIdentityDisputeSchema) }),
  });
  return items;
}

export function decideIdentityDispute(id: number, body: DisputeDecisionBody): Promise<StaffIdentityDispute> {
  return request('POST', `/staff/identity-disputes/${id}`, { schema: staffIdentityDisputeSchema, body, quiet: true });
}

export function revealRosterRow(userId: number): Promise<RosterRowReveal> {
  return request('GET', `/staff/verifications/${userId}/roster`, { schema: rosterRowRevealSchema, quiet: true });
}

export function decideVerification(
  userId: number,
  body: VerificationDecisionBody,
): Promise<{ userId: number; veteranStatus: string }> {
  return request('POST', `/staff/verifications/${userId}`, {
    schema: z.object({ userId: z.number().int(), veteranStatus: veteranStatusSchema }),
    body,
    quiet: true,
  });
}

export function fetchPendingFamilyLinks(page = 1): Promise<Paged<StaffFamilyLink>> {
  return request('GET', '/staff/family-links', {
    schema: pagedSchema(staffFamilyLinkSchema),
    query: { status: 'pending', page, pageSize: 20 },
  });
}

export function confirmFamilyLink(id: number): Promise<StaffFamilyLinkDecision> {
  return request('POST', `/staff/family-links/${id}/confirm`, {
    schema: staffFamilyLinkDecisionSchema,
  });
}

export function fetchNotifications(page = 1, pageSize = 20): Promise<NotificationPage> {
  return request('GET', '/notifications', { schema: notificationPageSchema, query: { page, pageSize } });
}

export async function fetchUnreadCount(): Promise<number> {
  const { unread } = await request('GET', '/notifications/unread-count', { schema: unreadCountSchema, quiet: true });
  return unread;
}

export async function markNotificationRead(id: number): Promise<void> {
  await request('POST', `/notifications/${id}/read`, { schema: notificationSchema, quiet: true });
}

export async function markAllNotificationsRead(): Promise<void> {
  await request('POST', '/notifications/read-all', { schema: z.object({ updated: z.number().int() }) });
}

/**
 * Accounts an admin may assign a request to. Only admins can list staff (GET /admin/staff); other staff assign
 * to themselves or remove the assignee.
 */
export async function fetchAssignableStaff(): Promise<StaffAccount[]> {
  const { items } = await request('GET', '/admin/staff', {
    schema: pagedSchema(staffAccountSchema),
    query: { active: 'true', pageSize: 100 },
  });
  return items;
}
