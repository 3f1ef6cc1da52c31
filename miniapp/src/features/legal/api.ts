import {
  type BookingBody,
  bookingStatusSchema,
  type ClosureInput,
  type ConsultationRecordBody,
  familyLinkSchema,
  type LegalBooking,
  type LegalClosure,
  type LegalDay,
  type LegalImpact,
  type LegalRecord,
  type LegalSlotList,
  type LegalWaitlisted,
  legalBookingSchema,
  legalClosureResultSchema,
  legalClosureSchema,
  legalDaySchema,
  legalImpactSchema,
  legalRecordSchema,
  legalSlotListSchema,
  legalWaitlistedSchema,
  type MyLegalBookings,
  myLegalBookingsSchema,
  type ScheduleEffect,
  type ScheduleRule,
  type ScheduleRuleInput,
  scheduleEffectSchema,
  scheduleRuleResultSchema,
  scheduleRuleSchema,
  type WalkInBody,
} from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';

/* ------------------------------------------------------------------------------------------------------------ *
 * Citizens: slots (public), booking, 我的预约, records
 * ------------------------------------------------------------------------------------------------------------ */

export function fetchSlots(query: { from?: string; to?: string } = {}): Promise<LegalSlotList> {
  return request('GET', '/legal/slots', { schema: legalSlotListSchema, query });
}

/** A booking made (201), or a place on the waitlist (202, when asked with `waitlist: true` on a full slot). */
export type BookResult = { kind: 'booked'; booking: LegalBooking } | { kind: 'waitlisted'; entry: LegalWaitlisted };

const bookAnswerSchema = z.union([legalWaitlistedSchema, legalBookingSchema]);

/** Quiet: the form shows what went wrong (SLOT_FULL, ALREADY_BOOKED, IDENTITY_REQUIRED …) next to itself. */
export async function bookSlot(body: BookingBody): Promise<BookResult> {
  const answer = await request('POST', '/legal/bookings', { schema: bookAnswerSchema, body, quiet: true });
  return 'waitlisted' in answer ? { kind: 'waitlisted', entry: answer } : { kind: 'booked', booking: answer };
}

export function fetchMyBookings(): Promise<MyLegalBookings> {
  return request('GET', '/legal/bookings/mine', { schema: myLegalBookingsSchema });
}

export async function cancelMyBooking(id: number): Promise<{ booking: LegalBooking; promoted: number }> {
  return request('POST', `/legal/bookings/${id}/cancel`, {
    schema: z.object({ booking: legalBookingSchema, promoted: z.number().int() }),
    quiet: true,
  });
}

export async function leaveWaitlist(id: number): Promise<void> {
  await request('DELETE', `/legal/waitlist/${id}`, { schema: z.unknown(), quiet: true });
}

export async function fetchMyRecords(): Promise<LegalRecord[]> {
  const { items } = await request('GET', '/legal/records/mine', {
    schema: z.object({ items: z.array(legalRecordSchema) }),
  });
  return items;
}

export interface LinkedVeteran {
  userId: number;
  name: string;
}

/**
 * `GET /me/family-links` as it may answer: `veteranUserId` is what `onBehalfOf` needs, and the API does not return
 * it yet; until it does, 为谁预约 offers only 本人.
 */
const actingLinkSchema = familyLinkSchema.extend({ veteranUserId: z.number().int().positive().optional() });

/** The veterans the signed-in family member may book for (active links). Quiet: booking for oneself still works. */
export async function fetchLinkedVeterans(): Promise<LinkedVeteran[]> {
  const { items } = await request('GET', '/me/family-links', {
    schema: z.object({ items: z.array(actingLinkSchema) }),
    quiet: true,
  });
  return items
    .filter((link) => link.role === 'family' && link.status === 'active' && link.veteranUserId !== undefined)
    .map((link) => ({ userId: link.veteranUserId as number, name: link.otherPartyName }));
}

/* ------------------------------------------------------------------------------------------------------------ *
 * The centre: the day's list, check-in, no-show, walk-ins, affected bookings, the lawyer's records
 * ------------------------------------------------------------------------------------------------------------ */

export function fetchDay(date: string): Promise<LegalDay> {
  return request('GET', '/staff/legal/day', { schema: legalDaySchema, query: { date } });
}

const legalSessionSchema = z.object({
  date: z.string(),
  slots: z.number().int(),
  booked: z.number().int(),
  capacity: z.number().int(),
});
const legalSessionsSchema = z.object({
  today: z.string(),
  next: z.string().nullable(),
  upcoming: z.array(legalSessionSchema),
  recent: z.array(legalSessionSchema),
  recordDays: z.number().int(),
});
export type LegalSession = z.infer<typeof legalSessionSchema>;
export type LegalSessions = z.infer<typeof legalSessionsSchema>;

/** The desk's consultation days: the one to open on (today or the next), upcoming and recent ones. */
export function fetchSessions(): Promise<LegalSessions> {
  return request('GET', '/staff/legal/sessions', { schema: legalSessionsSchema });
}

const bookingStateSchema = z.object({
  id: z.number().int(),
  status: bookingStatusSchema,
  statusLabel: z.string(),
  checkedInAt: z.string().nullable(),
  blockedUntil: z.string().nullable().optional(),
});
export type DeskBookingState = z.infer<typeof bookingStateSchema>;

export function checkIn(bookingId: number): Promise<DeskBookingState> {
  return request('POST', `/legal/bookings/${bookingId}/check-in`, { schema: bookingStateSchema });
}

export function markNoShow(bookingId: number): Promise<DeskBookingState> {
  return request('POST', `/legal/bookings/${bookingId}/no-show`, { schema: bookingStateSchema });
}

export function addWalkIn(body: WalkInBody): Promise<DeskBookingState> {
  return request('POST', '/staff/legal/walk-ins', { schema: bookingStateSchema, body, quiet: true });
}

export async function fetchImpacts(include: 'open' | 'all'): Promise<LegalImpact[]> {
  const { items } = await request('GET', '/staff/legal/impacts', {
    schema: z.object({ items: z.array(legalImpactSchema) }),
    query: { include },
  });
  return items;
}

export async function markImpactHandled(id: number): Promise<void> {
  await request('POST', `/staff/legal/impacts/${id}/handled`, { schema: z.unknown() });
}

export function recordConsultation(bookingId: number, body: ConsultationRecordBody): Promise<LegalRecord> {
  return request('POST', `/legal/bookings/${bookingId}/record`, { schema: legalRecordSchema, body, quiet: true });
}

export function createFollowUp(recordId: number, note?: string): Promise<LegalRecord> {
  return request('POST', `/staff/legal/records/${recordId}/follow-up`, {
    schema: legalRecordSchema,
    body: note ? { note } : {},
  });
}

/** Lawyers get their own records; centre staff all, summaries only with `reveal` (audited). */
export async function fetchDeskRecords(query: { date?: string; reveal?: boolean } = {}): Promise<LegalRecord[]> {
  const { items } = await request('GET', '/staff/legal/records', {
    schema: z.object({ items: z.array(legalRecordSchema) }),
    query: { date: query.date, reveal: query.reveal ? '1' : undefined },
  });
  return items;
}

/* ------------------------------------------------------------------------------------------------------------ *
 * Administration: schedule rules and closures (district admin)
 * ------------------------------------------------------------------------------------------------------------ */

export interface RuleChange {
  rule: ScheduleRule;
  effect: ScheduleEffect;
}

export async function fetchRules(): Promise<ScheduleRule[]> {
  const { items } = await request('GET', '/admin/legal/rules', {
    schema: z.object({ items: z.array(scheduleRuleSchema) }),
  });
  return items;
}

export function createRule(body: ScheduleRuleInput): Promise<RuleChange> {
  return request('POST', '/admin/legal/rules', { schema: scheduleRuleResultSchema, body, quiet: true });
}

export function updateRule(id: number, body: ScheduleRuleInput): Promise<RuleChange> {
  return request('PATCH', `/admin/legal/rules/${id}`, { schema: scheduleRuleResultSchema, body, quiet: true });
}

export function deactivateRule(id: number): Promise<RuleChange> {
  return request('DELETE', `/admin/legal/rules/${id}`, { schema: scheduleRuleResultSchema });
}

export async function fetchClosures(from?: string): Promise<LegalClosure[]> {
  const { items } = await request('GET', '/admin/legal/closures', {
    schema: z.object({ items: z.array(legalClosureSchema) }),
    query: { from },
  });
  return items;
}

export function createClosure(body: ClosureInput): Promise<{ closure: LegalClosure; effect: ScheduleEffect }> {
  return request('POST', '/admin/legal/closures', { schema: legalClosureResultSchema, body, quiet: true });
}

export async function deleteClosure(id: number): Promise<ScheduleEffect> {
  const { effect } = await request('DELETE', `/admin/legal/closures/${id}`, {
    schema: z.object({ effect: scheduleEffectSchema }),
  });
  return effect;
}
