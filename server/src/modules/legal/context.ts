import type { LegalSlotRef } from '@veterans/shared';
import { and, gte, lte, sql } from 'drizzle-orm';
import { preparedPerDatabase } from '../../db/prepared';
import { legalClosures, legalScheduleRules, type legalSlots } from '../../db/schema/index';
import { loadWorkingCalendar } from '../calendar/queries';
import type { WorkingCalendar } from '../calendar/working-days';
import {
  beforeCutoff,
  bookingClosesAt,
  cancelClosesAt,
  holidayReason,
  horizonDate,
  matchingClosure,
  RULE_CHANGED_REASON,
  remainingPlaces,
  slotFitsRule,
} from './schedule';
import { beijingDate, toBeijingIso } from './time';
import type { Reader } from './transaction';

export type RuleRow = typeof legalScheduleRules.$inferSelect;
export type SlotRow = typeof legalSlots.$inferSelect;
export type ClosureRow = typeof legalClosures.$inferSelect;

/** Everything needed to judge slots: the rules, the admins' closures and the holiday calendar, at `now`. */
export interface SlotContext {
  now: Date;
  today: string;
  rules: ReadonlyMap<number, RuleRow>;
  closures: readonly ClosureRow[];
  calendar: WorkingCalendar;
}

const allRules = preparedPerDatabase((db: Reader) => db.select().from(legalScheduleRules).prepare());
const closuresBetween = preparedPerDatabase((db: Reader) =>
  db
    .select()
    .from(legalClosures)
    .where(and(gte(legalClosures.day, sql.placeholder('from')), lte(legalClosures.day, sql.placeholder('to'))))
    .prepare(),
);
const closuresFrom = preparedPerDatabase((db: Reader) =>
  db
    .select()
    .from(legalClosures)
    .where(gte(legalClosures.day, sql.placeholder('from')))
    .prepare(),
);

/** Loads the context for slots on dates from `fromDate` (default today) to `toDate` (default: no end). */
export async function loadSlotContext(db: Reader, now: Date, fromDate?: string, toDate?: string): Promise<SlotContext> {
  const today = beijingDate(now);
  const from = fromDate ?? today;
  const [rules, closures, calendar] = await Promise.all([
    allRules(db).execute(),
    toDate ? closuresBetween(db).execute({ from, to: toDate }) : closuresFrom(db).execute({ from }),
    loadWorkingCalendar(db, from),
  ]);
  return { now, today, rules: new Map(rules.map((rule) => [rule.id, rule])), closures, calendar };
}

/** A slot's Beijing date and times, each instant formatted once (a month of slots is listed on every call). */
export function slotTimes(slot: Pick<SlotRow, 'startsAt' | 'endsAt'>) {
  const start = toBeijingIso(slot.startsAt);
  const end = toBeijingIso(slot.endsAt);
  return { date: start.slice(0, 10), startTime: start.slice(11, 16), endTime: end.slice(11, 16), start, end };
}

/** True when the slot is one its rule (active) makes today. */
export function fitsItsRule(slot: SlotRow, rule: RuleRow | undefined): rule is RuleRow {
  return rule?.active === true && slotFitsRule(rule, slot.startsAt, slot.endsAt);
}

export interface DesiredSlot {
  closedReason: string | null;
  capacity: number;
  place: string;
}

/**
 * What a future slot's row should say now: closed when its rule no longer makes it, when an admin closure
 * hits it or on a holiday; capacity and place as the rule says.
 */
export function desiredSlot(slot: SlotRow, context: SlotContext): DesiredSlot {
  const rule = context.rules.get(slot.ruleId);
  if (!fitsItsRule(slot, rule)) {
    return { closedReason: slot.closedReason ?? RULE_CHANGED_REASON, capacity: slot.capacity, place: slot.place };
  }
  const times = slotTimes(slot);
  const closure = matchingClosure(context.closures, times);
  const closedReason = closure?.reason ?? holidayReason(times.date, context.calendar);
  return { closedReason, capacity: rule.capacity, place: rule.place };
}

export function sameAsDesired(slot: SlotRow, desired: DesiredSlot): boolean {
  return (
    slot.closedReason === desired.closedReason && slot.capacity === desired.capacity && slot.place === desired.place
  );
}

export interface SlotState {
  closedReason: string | null;
  /** Part of the published schedule (its rule still makes it, within the booking horizon). */
  listed: boolean;
  bookable: boolean;
  remaining: number;
  bookingClosesAt: Date;
  cancelClosesAt: Date;
}

/**
 * How a slot looks to people now. The stored `closed_reason` is the truth for closures and schedule changes
 * (written as soon as an admin changes them); a holiday is also checked live, so a holiday the calendar
 * admins add closes the day at once, before the next reconciliation stores it.
 */
export function slotState(slot: SlotRow, context: SlotContext): SlotState {
  const rule = context.rules.get(slot.ruleId);
  const fits = fitsItsRule(slot, rule);
  const date = beijingDate(slot.startsAt);
  const closedReason =
    slot.closedReason ?? holidayReason(date, context.calendar) ?? (fits ? null : RULE_CHANGED_REASON);
  const listed = fits && date <= horizonDate(context.today, rule.weeksAhead);
  const bookingDeadline = rule ? bookingClosesAt(rule, slot.startsAt) : slot.startsAt;
  const cancelDeadline = rule ? cancelClosesAt(rule, slot.startsAt) : slot.startsAt;
  return {
    closedReason,
    listed,
    bookable: listed && closedReason === null && beforeCutoff(context.now, bookingDeadline),
    remaining: remainingPlaces(slot.capacity, slot.booked),
    bookingClosesAt: bookingDeadline,
    cancelClosesAt: cancelDeadline,
  };
}

/** The slot as lists show it. */
export function slotRef(
  slot: Pick<SlotRow, 'id' | 'startsAt' | 'endsAt' | 'place'>,
  closedReason: string | null,
): LegalSlotRef {
  const times = slotTimes(slot);
  return {
    id: slot.id,
    date: times.date,
    time: times.startTime,
    endTime: times.endTime,
    startsAt: times.start,
    endsAt: times.end,
    place: slot.place,
    closedReason,
  };
}
