import {
  type AppealMeeting,
  appealMeetingSchema,
  familyLinkSchema,
  pagedSchema,
  type RatingView,
  type RequestDetail,
  type RequestMessage,
  type RequestRating,
  type RequestStatus,
  type RequestSummary,
  ratingViewSchema,
  requestDetailSchema,
  requestMessageSchema,
  requestRatingSchema,
  requestSummarySchema,
  type ServiceCode,
} from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';
import type { FormAnswers } from './form-model';

/** The service requests 办件 of the signed-in citizen: `/requests` and what hangs off a request. */

const requestPageSchema = pagedSchema(requestSummarySchema);

export async function fetchMyRequests(status?: RequestStatus): Promise<RequestSummary[]> {
  const { items } = await request('GET', '/requests', {
    schema: requestPageSchema,
    query: { status, page: 1, pageSize: 100 },
  });
  return items;
}

/** My drafts of one service (newest first), to offer 继续填写. */
export async function fetchMyDrafts(serviceCode?: ServiceCode): Promise<RequestSummary[]> {
  const drafts = await fetchMyRequests('draft');
  return drafts.filter((item) => item.mine && (!serviceCode || item.serviceCode === serviceCode));
}

export function fetchRequest(id: number): Promise<RequestDetail> {
  return request('GET', `/requests/${id}`, { schema: requestDetailSchema });
}

export interface CreateInput {
  serviceCode: ServiceCode;
  formData: FormAnswers;
  onBehalfOf?: number;
}

/** A new draft; the key makes a retried create return the same draft. */
export function createDraft(input: CreateInput, idempotencyKey: string): Promise<RequestDetail> {
  return request('POST', '/requests', {
    schema: requestDetailSchema,
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
    quiet: true,
  });
}

/** Saves the answers (replacing what was saved), for a draft or a request sent back for a supplement. */
export function saveAnswers(id: number, formData: FormAnswers): Promise<RequestDetail> {
  return request('PATCH', `/requests/${id}`, {
    schema: requestDetailSchema,
    body: { formData, replace: true },
    quiet: true,
  });
}

/** Submit (or resubmit after a supplement); a retry with the same key never submits twice. */
export function submitRequest(id: number, idempotencyKey: string): Promise<RequestDetail> {
  return request('POST', `/requests/${id}/submit`, {
    schema: requestDetailSchema,
    headers: { 'Idempotency-Key': idempotencyKey },
    quiet: true,
  });
}

export function withdrawRequest(id: number, reason: string): Promise<RequestDetail> {
  return request('POST', `/requests/${id}/withdraw`, {
    schema: requestDetailSchema,
    body: reason.trim() ? { reason: reason.trim() } : {},
  });
}

export async function deleteDraft(id: number): Promise<void> {
  await request('DELETE', `/requests/${id}`, { schema: z.unknown() });
}

export async function fetchMessages(id: number): Promise<RequestMessage[]> {
  const { items } = await request('GET', `/requests/${id}/messages`, {
    schema: z.object({ items: z.array(requestMessageSchema) }),
  });
  return items;
}

export function postMessage(id: number, body: string): Promise<RequestMessage> {
  return request('POST', `/requests/${id}/messages`, { schema: requestMessageSchema, body: { body }, quiet: true });
}

export function fetchRating(id: number): Promise<RequestRating> {
  return request('GET', `/requests/${id}/rating`, { schema: requestRatingSchema });
}

export function rateRequest(id: number, level: number, comment: string): Promise<RatingView> {
  return request('POST', `/requests/${id}/rating`, {
    schema: ratingViewSchema,
    body: comment.trim() ? { level, comment: comment.trim() } : { level },
    quiet: true,
  });
}

export async function fetchMeetings(id: number): Promise<AppealMeeting[]> {
  const { items } = await request('GET', `/requests/${id}/meetings`, {
    schema: z.object({ items: z.array(appealMeetingSchema) }),
  });
  return items;
}

export interface ActingFor {
  userId: number;
  name: string;
}

/** The veterans the signed-in family member may file for (active links). */
export async function fetchActingFor(): Promise<ActingFor[]> {
  const { items } = await request('GET', '/me/family-links', {
    schema: z.object({ items: z.array(familyLinkSchema) }),
    quiet: true,
  });
  // The API sets veteranUserId (what onBehalfOf needs) on active links seen from the family side only.
  return items.flatMap((link) =>
    link.role === 'family' && link.status === 'active' && link.veteranUserId !== null
      ? [{ userId: link.veteranUserId, name: link.otherPartyName }]
      : [],
  );
}
