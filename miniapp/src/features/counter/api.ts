import {
  type CounterClaimBody,
  type CounterFileBody,
  type CounterLegalBooking,
  type CounterLegalBookingBody,
  type CounterPerson,
  type CounterReceipt,
  type CounterRegisterBody,
  counterFileResultSchema,
  counterLegalBookingSchema,
  counterLookupResultSchema,
  counterPersonSchema,
  counterReceiptSchema,
  type Session,
  sessionSchema,
} from '@veterans/shared';
import { request } from '../../api/client';

/** 窗口代办 calls (server/src/modules/counter). Quiet where the page shows the error next to the form. */

export async function lookUpPerson(idNumber: string): Promise<CounterPerson | null> {
  const { person } = await request('POST', '/staff/counter/lookup', {
    schema: counterLookupResultSchema,
    body: { idNumber },
    quiet: true,
  });
  return person;
}

export function registerPerson(body: CounterRegisterBody): Promise<CounterPerson> {
  return request('POST', '/staff/counter/people', { schema: counterPersonSchema, body, quiet: true });
}

export function fileForPerson(body: CounterFileBody, idempotencyKey: string) {
  return request('POST', '/staff/counter/requests', {
    schema: counterFileResultSchema,
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    quiet: true,
  });
}

export function bookLegalConsultation(body: CounterLegalBookingBody): Promise<CounterLegalBooking> {
  return request('POST', '/staff/counter/legal-bookings', { schema: counterLegalBookingSchema, body, quiet: true });
}

export function fetchReceipt(requestId: number): Promise<CounterReceipt> {
  return request('GET', `/staff/counter/requests/${requestId}/receipt`, { schema: counterReceiptSchema });
}

export function claimCounterRecord(body: CounterClaimBody): Promise<Session> {
  return request('POST', '/me/counter-claim', { schema: sessionSchema, body, quiet: true });
}
