import {
  LEGAL_SLOTS_DEFAULT_DAYS,
  LEGAL_SLOTS_MAX_DAYS,
  type LegalClosedDay,
  type LegalSlot,
  type LegalSlotList,
  type ScheduleEffect,
} from '@veterans/shared';
import { and, asc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { preparedPerDatabase } from '../../db/prepared';
import { legalBookings, legalRuleChangeImpacts, legalSlots } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import {
  type DesiredSlot,
  desiredSlot,
  loadSlotContext,
  type SlotContext,
  type SlotRow,
  type SlotState,
  sameAsDesired,
  slotRef,
  slotState,
} from './context';
import type { DescriptionCipher } from './description';
import { type BookingFacts, noticeBookingChanged, noticeSlotClosed } from './notices';
import { generateSlotTimes, holidayReason, horizonDate, isWholeDay, matchingClosure, ruleAppliesOn } from './schedule';
import { addCalendarDays, beijingDate, beijingInstant, datesBetween, daysBetween, toBeijingIso } from './time';
import { affected, inTransaction, type Reader, type Transaction } from './transaction';
import { closeWaitingEntries, lockSlot, promoteWaiting } from './waitlist';

// ---------------------------------------------------------------------------------------------------------------
// Reading: GET /legal/slots

function toLegalSlot(slot: SlotRow, state: SlotState): LegalSlot {
  return {
    ...slotRef(slot, state.closedReason),
    capacity: slot.capacity,
    remaining: state.remaining,
    closed: state.closedReason !== null,
    bookable: state.bookable,
    waitlistAvailable: state.bookable && state.remaining === 0,
    bookingClosesAt: toBeijingIso(state.bookingClosesAt),
    cancelClosesAt: toBeijingIso(state.cancelClosesAt),
  };
}

function invalidRange(message: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [{ path: 'querystring.to', message }]);
}

/** The date range of a slot listing: 4 weeks from today by default, at most 8 weeks. */
export function slotRange(today: string, from?: string, to?: string): { from: string; to: string } {
  const start = from ?? today;
  const end = to ?? addCalendarDays(start, LEGAL_SLOTS_DEFAULT_DAYS - 1);
  if (end < start) throw invalidRange('截止日期不能早于起始日期');
  if (daysBetween(start, end) + 1 > LEGAL_SLOTS_MAX_DAYS) throw invalidRange('一次最多查询 8 周');
  return { from: start, to: end };
}

const slotsStartingBetween = preparedPerDatabase((db: Reader) =>
  db
    .select()
    .from(legalSlots)
    .where(and(gte(legalSlots.startsAt, sql.placeholder('start')), lt(legalSlots.startsAt, sql.placeholder('end'))))
    .orderBy(asc(legalSlots.startsAt), asc(legalSlots.id))
    .prepare(),
);

/** Slot rows whose start falls on the Beijing dates from `from` to `to`. */
export async function slotsOnDates(db: Reader, from: string, to: string): Promise<SlotRow[]> {
  return slotsStartingBetween(db).execute({
    start: beijingInstant(from, '00:00'),
    end: beijingInstant(addCalendarDays(to, 1), '00:00'),
  });
}

/** Days a rule would open but a holiday or a whole-day closure keeps shut. */
export function closedDaysOf(context: SlotContext, from: string, to: string): LegalClosedDay[] {
  const rules = [...context.rules.values()].filter((rule) => rule.active);
  const days: LegalClosedDay[] = [];
  for (const date of datesBetween(from, to)) {
    if (!rules.some((rule) => ruleAppliesOn(rule, date))) continue;
    const closure = context.closures.find((entry) => entry.day === date && isWholeDay(entry));
    const reason = closure?.reason ?? holidayReason(date, context.calendar);
    if (reason) days.push({ date, reason });
  }
  return days;
}

/** A slot listing, and the instants at which the clock alone changes it (a booking cutoff passing). */
export interface SlotListing {
  list: LegalSlotList;
  cutoffs: Date[];
}

/** The listing of the dates from `from` to `to` (a range `slotRange` checked) as people see it at `now`. */
export async function slotListing(db: Reader, now: Date, from: string, to: string): Promise<SlotListing> {
  const context = await loadSlotContext(db, now, from, to);
  const rows = await slotsOnDates(db, from, to);
  const slots: LegalSlot[] = [];
  const cutoffs: Date[] = [];
  for (const slot of rows) {
    const state = slotState(slot, context);
    if (!state.listed) continue;
    slots.push(toLegalSlot(slot, state));
    cutoffs.push(state.bookingClosesAt);
  }
  return { list: { from, to, slots, closedDays: closedDaysOf(context, from, to) }, cutoffs };
}

export async function listSlots(db: Reader, now: Date, query: { from?: string; to?: string }): Promise<LegalSlotList> {
  const { from, to } = slotRange(beijingDate(now), query.from, query.to);
  return (await slotListing(db, now, from, to)).list;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing: materialising slots ahead, and keeping published slots in step with rules, closures and holidays

const INSERT_CHUNK = 200;

/**
 * Creates the missing slots of every active rule from now up to its booking horizon (weeksAhead). Idempotent:
 * the unique (rule_id, starts_at) index makes an existing slot a no-op (INSERT IGNORE), so every instance may
 * run it at start-up, daily and after every rule change. Returns how many slots were created.
 */
export async function materialiseSlots(db: Database, now: Date): Promise<number> {
  const context = await loadSlotContext(db, now);
  const rows: (typeof legalSlots.$inferInsert)[] = [];
  for (const rule of context.rules.values()) {
    if (!rule.active) continue;
    const from = [rule.validFrom, context.today].sort()[1] as string;
    const horizon = horizonDate(context.today, rule.weeksAhead);
    const to = rule.validTo !== null && rule.validTo < horizon ? rule.validTo : horizon;
    if (from > to) continue;
    for (const time of generateSlotTimes(rule, from, to)) {
      if (time.startsAt.getTime() <= now.getTime()) continue;
      const closure = matchingClosure(context.closures, time);
      rows.push({
        ruleId: rule.id,
        startsAt: time.startsAt,
        endsAt: time.endsAt,
        place: rule.place,
        capacity: rule.capacity,
        closedReason: closure?.reason ?? holidayReason(time.date, context.calendar),
      });
    }
  }
  let created = 0;
  for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
    created += affected(
      await db
        .insert(legalSlots)
        .ignore()
        .values(rows.slice(index, index + INSERT_CHUNK)),
    );
  }
  return created;
}

/** Lists a kept booking for staff; none twice for the same open reason. Returns the new impact's id, or null. */
async function addImpact(tx: Transaction, bookingId: number, reason: string): Promise<number | null> {
  const [open] = await tx
    .select({ id: legalRuleChangeImpacts.id })
    .from(legalRuleChangeImpacts)
    .where(
      and(
        eq(legalRuleChangeImpacts.bookingId, bookingId),
        eq(legalRuleChangeImpacts.reason, reason),
        isNull(legalRuleChangeImpacts.handledAt),
      ),
    )
    .limit(1);
  if (open) return null;
  const [result] = await tx.insert(legalRuleChangeImpacts).values({ bookingId, reason: reason.slice(0, 200) });
  return Number(result.insertId);
}

interface SlotChange {
  closed: number;
  reopened: number;
  affectedBookings: number;
}

/**
 * Applies one slot's new state under its row lock. Bookings are never dropped: when the slot closes, or its
 * place changes, or its capacity falls below the places taken, the bookings concerned stay as they are, are
 * listed for staff (legal_rule_change_impacts) and their holders are told.
 */
async function applySlotChange(
  db: Database,
  cipher: DescriptionCipher,
  slotId: number,
  desired: DesiredSlot,
  context: SlotContext,
) {
  return inTransaction(db, async (tx): Promise<SlotChange> => {
    const change: SlotChange = { closed: 0, reopened: 0, affectedBookings: 0 };
    const locked = await lockSlot(tx, slotId);
    if (!locked || locked.startsAt.getTime() <= context.now.getTime() || sameAsDesired(locked, desired)) return change;
    await tx.update(legalSlots).set(desired).where(eq(legalSlots.id, slotId));
    const held = await tx
      .select()
      .from(legalBookings)
      .where(and(eq(legalBookings.slotId, slotId), eq(legalBookings.status, 'booked')))
      .orderBy(asc(legalBookings.id));
    const facts = (booking: (typeof held)[number]): BookingFacts => ({
      bookingId: booking.id,
      userId: booking.userId,
      subjectUserId: booking.subjectUserId,
      topic: booking.topic,
      startsAt: locked.startsAt,
      endsAt: locked.endsAt,
      place: desired.place,
    });

    if (locked.closedReason === null && desired.closedReason !== null) {
      const reason = desired.closedReason;
      change.closed = 1;
      for (const booking of held) {
        const impactId = await addImpact(tx, booking.id, `停诊：${reason}`);
        if (impactId === null) continue;
        change.affectedBookings += 1;
        await noticeSlotClosed(tx, facts(booking), reason, impactId);
      }
      await closeWaitingEntries(tx, { ...locked, ...desired }, `因“${reason}”停诊，候补已结束。`);
      return change;
    }
    // Still closed (another reason, or capacity/place edited meanwhile): nothing to tell anyone yet.
    if (desired.closedReason !== null) return change;

    const reopening = locked.closedReason !== null;
    if (reopening) {
      change.reopened = 1;
      for (const booking of held) {
        await noticeBookingChanged(
          tx,
          facts(booking),
          '法律咨询时段恢复开放',
          '该时段已恢复开放，您的预约继续有效，请按时到场。',
        );
      }
    }
    const affectedIds = new Set<number>();
    if (locked.place !== desired.place) {
      for (const booking of held) {
        if ((await addImpact(tx, booking.id, `地点调整为：${desired.place}`)) === null) continue;
        affectedIds.add(booking.id);
        await noticeBookingChanged(
          tx,
          facts(booking),
          '法律咨询地点调整',
          `咨询地点调整为“${desired.place}”，请按新地点到场。`,
        );
      }
    }
    const overflow = Math.max(0, locked.booked - desired.capacity);
    if (desired.capacity < locked.capacity && overflow > 0) {
      // The most recent bookings are the ones beyond the new capacity; they are kept, and staff decide.
      for (const booking of held.slice(-overflow)) {
        if ((await addImpact(tx, booking.id, `名额调整为 ${desired.capacity} 个，该预约超出名额（已保留）`)) === null) {
          continue;
        }
        affectedIds.add(booking.id);
        await noticeBookingChanged(
          tx,
          facts(booking),
          '法律咨询名额调整',
          '该时段名额减少，您的预约仍然保留，工作人员会与您联系确认。',
        );
      }
    }
    change.affectedBookings += affectedIds.size;
    if (desired.capacity > locked.capacity || reopening) {
      await promoteWaiting(tx, cipher, slotId, context.rules.get(locked.ruleId), context.now);
    }
    return change;
  });
}

/**
 * Brings every future slot in line with the rules, the closures and the holiday calendar (see `desiredSlot`).
 * Run after each rule or closure change, and by the periodic job (which picks up holiday-calendar edits).
 */
export async function reconcileSlots(
  db: Database,
  cipher: DescriptionCipher,
  now: Date,
): Promise<Omit<ScheduleEffect, 'slotsCreated'>> {
  const context = await loadSlotContext(db, now);
  const future = await db.select().from(legalSlots).where(gt(legalSlots.startsAt, now));
  const effect = { slotsClosed: 0, slotsReopened: 0, affectedBookings: 0 };
  for (const slot of future) {
    const desired = desiredSlot(slot, context);
    if (sameAsDesired(slot, desired)) continue;
    const change = await applySlotChange(db, cipher, slot.id, desired, context);
    effect.slotsClosed += change.closed;
    effect.slotsReopened += change.reopened;
    effect.affectedBookings += change.affectedBookings;
  }
  return effect;
}

/** Materialise, then reconcile: what every schedule change and the periodic job run. */
export async function refreshSchedule(db: Database, cipher: DescriptionCipher, now: Date): Promise<ScheduleEffect> {
  const slotsCreated = await materialiseSlots(db, now);
  return { slotsCreated, ...(await reconcileSlots(db, cipher, now)) };
}
