import type { LegalSlot, LegalSlotList } from '@veterans/shared';

/** What a citizen can do with a slot now. */
export type SlotAvailability = 'open' | 'waitlist' | 'full' | 'stopped' | 'closed';

export function slotAvailability(
  slot: Pick<LegalSlot, 'closed' | 'closedReason' | 'bookable' | 'remaining' | 'waitlistAvailable'>,
): SlotAvailability {
  if (slot.closed || slot.closedReason) return 'closed';
  if (!slot.bookable) return 'stopped';
  if (slot.remaining > 0) return 'open';
  return slot.waitlistAvailable ? 'waitlist' : 'full';
}

/** The places left, as the calendar says them: 余 N 个 / 约满 / 约满，可候补 / 已停止预约 / 停诊（原因）. */
export function remainingText(
  slot: Pick<LegalSlot, 'closed' | 'closedReason' | 'bookable' | 'remaining' | 'waitlistAvailable'>,
): string {
  switch (slotAvailability(slot)) {
    case 'closed':
      return slot.closedReason ? `停诊（${slot.closedReason}）` : '停诊';
    case 'stopped':
      return '已停止预约';
    case 'open':
      return `余 ${slot.remaining} 个`;
    case 'waitlist':
      return '约满，可候补';
    case 'full':
      return '约满';
  }
}

/** Tapping the slot leads somewhere: booking, or joining its waitlist. */
export function slotSelectable(slot: Parameters<typeof slotAvailability>[0]): boolean {
  const availability = slotAvailability(slot);
  return availability === 'open' || availability === 'waitlist';
}

/** One day of the calendar: its slots in time order, or the reason it is closed. */
export interface SlotDay {
  date: string;
  /** The whole day is closed (holiday or a closure), with the reason shown to users. */
  closedReason: string | null;
  slots: LegalSlot[];
}

/**
 * The slots grouped by day, days in date order, with the days closed as a whole (holidays, closures) among them
 * with their reason. A day whose slots are all closed for one reason reads as closed for that reason.
 */
export function groupSlotsByDay(list: Pick<LegalSlotList, 'slots' | 'closedDays'>): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const slot of list.slots) {
    const day = days.get(slot.date) ?? { date: slot.date, closedReason: null, slots: [] };
    day.slots.push(slot);
    days.set(slot.date, day);
  }
  for (const closed of list.closedDays) {
    const day = days.get(closed.date) ?? { date: closed.date, closedReason: null, slots: [] };
    day.closedReason = closed.reason;
    days.set(closed.date, day);
  }
  for (const day of days.values()) {
    day.slots.sort((a, b) => a.time.localeCompare(b.time));
    if (day.closedReason === null && day.slots.length > 0) {
      const reasons = new Set(day.slots.map((slot) => (slot.closed || slot.closedReason ? slot.closedReason : null)));
      const [only] = [...reasons];
      if (reasons.size === 1 && only) day.closedReason = only;
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The day's state in a word, under its date in the calendar. */
export function dayStatusText(day: SlotDay): string {
  if (day.closedReason) return '停诊';
  const availability = day.slots.map(slotAvailability);
  if (availability.includes('open')) return '可预约';
  if (availability.includes('waitlist')) return '可候补';
  if (availability.includes('full')) return '约满';
  return '已停止预约';
}

/** The day the calendar opens on: the first with something to book, else the first day. */
export function firstSelectableDay(days: readonly SlotDay[]): string | undefined {
  return (days.find((day) => !day.closedReason && day.slots.some(slotSelectable)) ?? days[0])?.date;
}
