import { type CounterLegalBooking, type CounterLegalBookingBody, staffBookingNote } from '@veterans/shared';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { bookForPerson, myBooking } from '../legal/bookings';
import { hasIdentity } from '../me/citizen';
import type { FilingStaff } from './filing';
import { personForCounter, recordPrivacyConsentIfMissing } from './people';

/**
 * A clerk books a legal consultation on a later day for a person at the counter or on the phone. The booking is
 * the person's own, under the rules the app applies (one upcoming booking, the no-show block, the booking cutoff,
 * capacity); the person is told of it and sees it in 我的预约 once they use the app. The desk's day list names
 * the clerk. A booking for today at the centre is a walk-in (现场登记) on the lawyer's desk instead.
 */
export async function bookLegalConsultation(
  db: Database,
  cipher: FieldCipher,
  staff: FilingStaff,
  body: CounterLegalBookingBody,
  now: Date,
): Promise<CounterLegalBooking> {
  const person = await personForCounter(db, staff, body.userId);
  if (!hasIdentity(person)) throw new AppError('IDENTITY_REQUIRED', '该办事人尚未登记实名信息，请先核对身份证件登记');
  await recordPrivacyConsentIfMissing(db, staff.id, person.id, body.consentMethod);
  const bookingId = await bookForPerson(
    db,
    cipher,
    { personId: person.id, staffId: staff.id, channel: body.channel },
    body,
    now,
  );
  const booking = await myBooking(db, cipher, person.id, bookingId, now);
  return {
    bookingId,
    personName: booking.subjectName,
    slot: booking.slot,
    staffNote: staffBookingNote({ channel: body.channel, walkIn: false, staffName: staff.displayName }, 'staff'),
    cancelClosesAt: booking.cancelClosesAt,
  };
}
