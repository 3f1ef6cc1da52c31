import type { ScheduleRuleInput } from '@veterans/shared';
import type { Database } from '../db/client';
import { legalScheduleRules } from '../db/schema/index';
import { materialiseSlots } from '../modules/legal/slots';
import { beijingDate } from '../modules/legal/time';

export const DEMO_LEGAL_PLACE = '魏都区退役军人服务中心';

/**
 * The consultation rule from the seed: a legal-aid lawyer every Tuesday 09:00–12:00 at the district centre,
 * 30-minute slots for 2 people (the lawyers on duty), bookable 4 weeks ahead, booking and cancelling until
 * 18:00 the day before.
 */
export function demoLegalRule(today: string): ScheduleRuleInput {
  return {
    place: DEMO_LEGAL_PLACE,
    weekdays: [2],
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: 30,
    capacity: 2,
    weeksAhead: 4,
    bookingCutoffDaysBefore: 1,
    bookingCutoffTime: '18:00',
    cancelCutoffDaysBefore: 1,
    cancelCutoffTime: '18:00',
    validFrom: today,
    validTo: null,
  };
}

/**
 * Seeds the rule once (when no rule exists, so an admin's edits survive a restart) and publishes its slots.
 * Idempotent: materialising again creates only the slots still missing.
 */
export async function seedDemoLegal(db: Database, now = new Date()): Promise<void> {
  const existing = await db.select({ id: legalScheduleRules.id }).from(legalScheduleRules).limit(1);
  if (existing.length === 0) {
    const rule = demoLegalRule(beijingDate(now));
    await db.insert(legalScheduleRules).values({ ...rule, validTo: null });
  }
  await materialiseSlots(db, now);
}
