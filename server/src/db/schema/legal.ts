import { bookingStatuses, legalBookingChannels, legalTopics } from '@veterans/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  json,
  mysqlEnum,
  mysqlTable,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/** When and where the legal-aid lawyer is on duty, and the booking rules (times are Beijing wall-clock). */
export const legalScheduleRules = mysqlTable('legal_schedule_rules', {
  id: id(),
  place: varchar('place', { length: 200 }).notNull(),
  weekdays: json('weekdays').$type<number[]>().notNull(),
  startTime: char('start_time', { length: 5 }).notNull(),
  endTime: char('end_time', { length: 5 }).notNull(),
  slotMinutes: smallint('slot_minutes').notNull(),
  capacity: smallint('capacity').notNull(),
  weeksAhead: smallint('weeks_ahead').notNull(),
  bookingCutoffDaysBefore: smallint('booking_cutoff_days_before').notNull(),
  bookingCutoffTime: char('booking_cutoff_time', { length: 5 }).notNull(),
  cancelCutoffDaysBefore: smallint('cancel_cutoff_days_before').notNull(),
  cancelCutoffTime: char('cancel_cutoff_time', { length: 5 }).notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});

/** Extra closures entered by admins (statutory holidays come from the calendar): a whole day or a time range. */
export const legalClosures = mysqlTable(
  'legal_closures',
  {
    id: id(),
    day: date('day', { mode: 'string' }).notNull(),
    startTime: char('start_time', { length: 5 }),
    endTime: char('end_time', { length: 5 }),
    reason: varchar('reason', { length: 200 }).notNull(),
    createdBy: ref('created_by'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('legal_closures_day_idx').on(table.day)],
);

/**
 * Bookable slots, materialised from the rules ahead of time. `booked` only moves through
 * `UPDATE … SET booked = booked + 1 WHERE booked < capacity`, so a slot is never overbooked.
 */
export const legalSlots = mysqlTable(
  'legal_slots',
  {
    id: id(),
    ruleId: ref('rule_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    place: varchar('place', { length: 200 }).notNull(),
    capacity: smallint('capacity').notNull(),
    booked: smallint('booked').notNull().default(0),
    closedReason: varchar('closed_reason', { length: 200 }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('legal_slots_rule_start_unique').on(table.ruleId, table.startsAt),
    index('legal_slots_start_idx').on(table.startsAt),
  ],
);

export const legalBookings = mysqlTable(
  'legal_bookings',
  {
    id: id(),
    slotId: ref('slot_id').notNull(),
    userId: ref('user_id').notNull(),
    subjectUserId: ref('subject_user_id').notNull(),
    topic: mysqlEnum('topic', legalTopics).notNull(),
    /** Encrypted (people describe their legal problems here): up to 500 characters of plain text. */
    description: varchar('description', { length: 2200 }).notNull(),
    status: mysqlEnum('status', bookingStatuses).notNull().default('booked'),
    walkIn: boolean('walk_in').notNull().default(false),
    /** Made in the app, or by staff for someone at the counter (walk-ins too) or on the phone. */
    channel: mysqlEnum('channel', legalBookingChannels).notNull().default('online'),
    /** The clerk who made a counter or phone booking. */
    bookedByStaffId: ref('booked_by_staff_id'),
    cancelReason: varchar('cancel_reason', { length: 200 }),
    checkedInAt: instant('checked_in_at'),
    reminderSentAt: instant('reminder_sent_at'),
    ...timestamps,
  },
  (table) => [
    index('legal_bookings_slot_idx').on(table.slotId, table.status),
    index('legal_bookings_user_idx').on(table.userId, table.status),
    index('legal_bookings_subject_idx').on(table.subjectUserId, table.status),
  ],
);

/** People waiting for a place in a full slot, first come first served. */
export const legalWaitlist = mysqlTable(
  'legal_waitlist',
  {
    id: id(),
    slotId: ref('slot_id').notNull(),
    userId: ref('user_id').notNull(),
    subjectUserId: ref('subject_user_id').notNull(),
    topic: mysqlEnum('topic', legalTopics).notNull(),
    /** Encrypted (people describe their legal problems here): up to 500 characters of plain text. */
    description: varchar('description', { length: 2200 }).notNull(),
    status: mysqlEnum('status', ['waiting', 'promoted', 'skipped', 'cancelled', 'closed']).notNull().default('waiting'),
    bookingId: ref('booking_id'),
    ...timestamps,
  },
  (table) => [
    index('legal_waitlist_slot_idx').on(table.slotId, table.status, table.id),
    index('legal_waitlist_user_idx').on(table.userId, table.status),
  ],
);

/** The lawyer's record of a consultation; the summary and advice are sensitive and stored encrypted. */
export const legalConsultationRecords = mysqlTable(
  'legal_consultation_records',
  {
    id: id(),
    bookingId: ref('booking_id').notNull(),
    lawyerStaffId: ref('lawyer_staff_id').notNull(),
    category: mysqlEnum('category', legalTopics).notNull(),
    summaryCipher: text('summary_cipher').notNull(),
    adviceCipher: text('advice_cipher').notNull(),
    legalAidAdvised: boolean('legal_aid_advised').notNull(),
    followUpAdvised: boolean('follow_up_advised').notNull(),
    followUpRequestId: ref('follow_up_request_id'),
    ...timestamps,
  },
  (table) => [uniqueIndex('legal_records_booking_unique').on(table.bookingId)],
);

/** Holders of bookings affected by a rule change or closure, listed for staff until handled. */
export const legalRuleChangeImpacts = mysqlTable(
  'legal_rule_change_impacts',
  {
    id: id(),
    bookingId: ref('booking_id').notNull(),
    reason: varchar('reason', { length: 200 }).notNull(),
    handledAt: instant('handled_at'),
    handledBy: ref('handled_by'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [
    index('legal_impacts_open_idx').on(table.handledAt, table.createdAt),
    index('legal_impacts_booking_idx').on(table.bookingId),
  ],
);
