import { dayInfo, type WorkingCalendar } from '../calendar/working-days';
import {
  addCalendarDays,
  BEIJING_OFFSET_MS,
  beijingDate,
  beijingInstant,
  beijingTime,
  clockOf,
  DAY_MS,
  datesBetween,
  isoWeekday,
  MINUTE_MS,
  minutesOf,
} from './time';

/**
 * The pure core of the legal consultation schedule: which slots a rule makes, when booking and cancelling
 * close, which closures hit a slot, and when repeated no-shows block booking. No database, no clock: callers
 * pass `now`.
 */

/** The parts of a schedule rule that decide where slots fall. */
export interface SlotPattern {
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
  slotMinutes: number;
  validFrom: string;
  validTo: string | null;
}

export interface SlotTime {
  /** Beijing date and wall-clock times. */
  date: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
}

/** The slots of one day by the rule's hours, whatever the weekday: a last slot that would not fit is dropped. */
export function slotTimesOfDay(pattern: Pick<SlotPattern, 'startTime' | 'endTime' | 'slotMinutes'>, date: string) {
  const times: SlotTime[] = [];
  const end = minutesOf(pattern.endTime);
  if (pattern.slotMinutes <= 0) return times;
  for (let start = minutesOf(pattern.startTime); start + pattern.slotMinutes <= end; start += pattern.slotMinutes) {
    const startTime = clockOf(start);
    const endTime = clockOf(start + pattern.slotMinutes);
    times.push({
      date,
      startTime,
      endTime,
      startsAt: beijingInstant(date, startTime),
      endsAt: beijingInstant(date, endTime),
    });
  }
  return times;
}

/** True when the rule applies on that date at all: one of its weekdays, within its validity. */
export function ruleAppliesOn(pattern: SlotPattern, date: string): boolean {
  if (date < pattern.validFrom) return false;
  if (pattern.validTo !== null && date > pattern.validTo) return false;
  return pattern.weekdays.includes(isoWeekday(date));
}

/** Every slot of the rule on the dates from `fromDate` to `toDate` (both included), in time order. */
export function generateSlotTimes(pattern: SlotPattern, fromDate: string, toDate: string): SlotTime[] {
  return datesBetween(fromDate, toDate)
    .filter((date) => ruleAppliesOn(pattern, date))
    .flatMap((date) => slotTimesOfDay(pattern, date));
}

/** True when a slot (as stored) is one the rule makes now: same day pattern, same start and end. */
export function slotFitsRule(pattern: SlotPattern, startsAt: Date, endsAt: Date): boolean {
  const date = beijingDate(startsAt);
  if (!ruleAppliesOn(pattern, date)) return false;
  const start = minutesOf(beijingTime(startsAt));
  const offset = start - minutesOf(pattern.startTime);
  return (
    offset >= 0 &&
    offset % pattern.slotMinutes === 0 &&
    endsAt.getTime() - startsAt.getTime() === pattern.slotMinutes * MINUTE_MS &&
    start + pattern.slotMinutes <= minutesOf(pattern.endTime)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cutoffs

/**
 * The instant a cutoff falls: `daysBefore` days before the Beijing date of the slot starting at `startsAt`, at
 * `time` Beijing. Booking (or cancelling) is allowed while `now` is strictly before it: at 17:59:59.999 yes, at
 * 18:00:00.000 no. By arithmetic on instants (Beijing has no daylight saving): listing a month of slots computes
 * two cutoffs per slot, and date-string round trips were most of that listing's time.
 */
export function cutoffInstant(startsAt: Date, daysBefore: number, time: string): Date {
  const beijingMidnight = startsAt.getTime() - ((startsAt.getTime() + BEIJING_OFFSET_MS) % DAY_MS);
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return new Date(beijingMidnight - daysBefore * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000);
}

export interface CutoffRule {
  bookingCutoffDaysBefore: number;
  bookingCutoffTime: string;
  cancelCutoffDaysBefore: number;
  cancelCutoffTime: string;
}

export function bookingClosesAt(rule: CutoffRule, startsAt: Date): Date {
  return cutoffInstant(startsAt, rule.bookingCutoffDaysBefore, rule.bookingCutoffTime);
}

export function cancelClosesAt(rule: CutoffRule, startsAt: Date): Date {
  return cutoffInstant(startsAt, rule.cancelCutoffDaysBefore, rule.cancelCutoffTime);
}

export function beforeCutoff(now: Date, cutoff: Date): boolean {
  return now.getTime() < cutoff.getTime();
}

/** The last date the rule publishes slots for, counted from today's Beijing date. */
export function horizonDate(today: string, weeksAhead: number): string {
  return addCalendarDays(today, weeksAhead * 7);
}

// ---------------------------------------------------------------------------------------------------------------
// Closures

export interface ClosureRange {
  day: string;
  /** Both null: the whole day. */
  startTime: string | null;
  endTime: string | null;
  reason: string;
}

/** A whole-day closure hits every slot of its day; a time range hits the slots it overlaps (touching is not overlap). */
export function closureMatches(
  closure: ClosureRange,
  slot: { date: string; startTime: string; endTime: string },
): boolean {
  if (closure.day !== slot.date) return false;
  if (closure.startTime === null || closure.endTime === null) return true;
  return (
    minutesOf(closure.startTime) < minutesOf(slot.endTime) && minutesOf(slot.startTime) < minutesOf(closure.endTime)
  );
}

export function isWholeDay(closure: ClosureRange): boolean {
  return closure.startTime === null || closure.endTime === null;
}

/** The first closure (in the given order) hitting the slot. */
export function matchingClosure<C extends ClosureRange>(
  closures: readonly C[],
  slot: { date: string; startTime: string; endTime: string },
): C | undefined {
  return closures.find((closure) => closureMatches(closure, slot));
}

/**
 * The reason a statutory holiday (or an admin's holiday override) closes the consultation on that date; null on
 * working days and on plain weekends (a rule that names Saturday means Saturday).
 */
export function holidayReason(date: string, calendar: WorkingCalendar): string | null {
  const info = dayInfo(date, calendar);
  if (info.working || info.source === 'weekday') return null;
  return `节假日休息（${info.name ?? '法定节假日'}）`;
}

export const RULE_CHANGED_REASON = '值班安排调整，该时段已取消';

// ---------------------------------------------------------------------------------------------------------------
// No-shows

export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_DAYS = 90;
export const NO_SHOW_BLOCK_DAYS = 30;

export interface NoShowBlock {
  until: Date;
  /** The no-shows that caused it (the last is the one the 30 days count from). */
  noShows: Date[];
}

/**
 * Three no-shows within 90 days (first to third, inclusive) block booking for 30 days after the third.
 * Returns the block in force at `now`, or null. Each no-show counts at its appointment's start.
 */
export function noShowBlock(noShows: readonly Date[], now: Date): NoShowBlock | null {
  const sorted = [...noShows].sort((a, b) => a.getTime() - b.getTime());
  let block: NoShowBlock | null = null;
  for (let index = NO_SHOW_LIMIT - 1; index < sorted.length; index++) {
    const first = sorted[index - (NO_SHOW_LIMIT - 1)] as Date;
    const third = sorted[index] as Date;
    if (third.getTime() > now.getTime()) continue;
    if (third.getTime() - first.getTime() > NO_SHOW_WINDOW_DAYS * DAY_MS) continue;
    const until = new Date(third.getTime() + NO_SHOW_BLOCK_DAYS * DAY_MS);
    if (until.getTime() > now.getTime() && (!block || until > block.until)) {
      block = { until, noShows: sorted.slice(index - (NO_SHOW_LIMIT - 1), index + 1) };
    }
  }
  return block;
}

export function noShowBlockedUntil(noShows: readonly Date[], now: Date): Date | null {
  return noShowBlock(noShows, now)?.until ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Capacity

/** Places left; never negative (a lowered capacity can leave more kept bookings than places). */
export function remainingPlaces(capacity: number, booked: number): number {
  return Math.max(0, capacity - booked);
}

/** How many kept bookings no longer fit after the capacity was lowered. */
export function overflowCount(capacity: number, booked: number): number {
  return Math.max(0, booked - capacity);
}
