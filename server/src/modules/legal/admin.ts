import type { ClosureInput, LegalClosure, ScheduleEffect, ScheduleRule, ScheduleRuleInput } from '@veterans/shared';
import { asc, eq, gte } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { legalClosures, legalScheduleRules } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { ClosureRow, RuleRow } from './context';
import type { DescriptionCipher } from './description';
import { refreshSchedule } from './slots';
import { beijingDate, minutesOf, toBeijingIso } from './time';
import type { Reader } from './transaction';

export function toRuleView(rule: RuleRow): ScheduleRule {
  return {
    id: rule.id,
    place: rule.place,
    weekdays: [...rule.weekdays].sort((a, b) => a - b),
    startTime: rule.startTime,
    endTime: rule.endTime,
    slotMinutes: rule.slotMinutes,
    capacity: rule.capacity,
    weeksAhead: rule.weeksAhead,
    bookingCutoffDaysBefore: rule.bookingCutoffDaysBefore,
    bookingCutoffTime: rule.bookingCutoffTime,
    cancelCutoffDaysBefore: rule.cancelCutoffDaysBefore,
    cancelCutoffTime: rule.cancelCutoffTime,
    validFrom: rule.validFrom,
    validTo: rule.validTo,
    active: rule.active,
    createdAt: toBeijingIso(rule.createdAt),
    updatedAt: toBeijingIso(rule.updatedAt),
  };
}

export function toClosureView(closure: ClosureRow): LegalClosure {
  return {
    id: closure.id,
    date: closure.day,
    startTime: closure.startTime,
    endTime: closure.endTime,
    reason: closure.reason,
    createdAt: toBeijingIso(closure.createdAt),
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [{ path: `body.${path}`, message }]);
}

/** Checks the schema cannot express: at least one whole slot fits the hours; the validity is not reversed. */
export function checkRule(input: ScheduleRuleInput): void {
  if (minutesOf(input.endTime) - minutesOf(input.startTime) < input.slotMinutes) {
    throw invalid('slotMinutes', '开放时间内放不下一个完整时段');
  }
  if (input.validTo && input.validTo < input.validFrom) throw invalid('validTo', '结束日期不能早于开始日期');
}

function ruleValues(input: ScheduleRuleInput) {
  return {
    place: input.place,
    weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
    startTime: input.startTime,
    endTime: input.endTime,
    slotMinutes: input.slotMinutes,
    capacity: input.capacity,
    weeksAhead: input.weeksAhead,
    bookingCutoffDaysBefore: input.bookingCutoffDaysBefore,
    bookingCutoffTime: input.bookingCutoffTime,
    cancelCutoffDaysBefore: input.cancelCutoffDaysBefore,
    cancelCutoffTime: input.cancelCutoffTime,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
  };
}

export async function listRules(db: Reader): Promise<ScheduleRule[]> {
  const rows = await db.select().from(legalScheduleRules).orderBy(asc(legalScheduleRules.id));
  return rows.map(toRuleView);
}

export async function findRule(db: Reader, ruleId: number): Promise<RuleRow> {
  const [rule] = await db.select().from(legalScheduleRules).where(eq(legalScheduleRules.id, ruleId));
  if (!rule) throw new AppError('NOT_FOUND', '排班规则不存在');
  return rule;
}

export interface RuleChange {
  before: RuleRow | null;
  rule: RuleRow;
  effect: ScheduleEffect;
}

/** A new rule: its slots are published at once. */
export async function createRule(
  db: Database,
  cipher: DescriptionCipher,
  input: ScheduleRuleInput,
  now: Date,
): Promise<RuleChange> {
  checkRule(input);
  const [result] = await db.insert(legalScheduleRules).values(ruleValues(input));
  const effect = await refreshSchedule(db, cipher, now);
  return { before: null, rule: await findRule(db, Number(result.insertId)), effect };
}

/**
 * Replaces a rule. Published future slots follow: new times are created, slots that no longer fit are closed,
 * capacity and place change; bookings are kept, and those affected are listed for staff and their holders told.
 */
export async function updateRule(
  db: Database,
  cipher: DescriptionCipher,
  ruleId: number,
  input: ScheduleRuleInput,
  now: Date,
) {
  checkRule(input);
  const before = await findRule(db, ruleId);
  await db.update(legalScheduleRules).set(ruleValues(input)).where(eq(legalScheduleRules.id, ruleId));
  const effect = await refreshSchedule(db, cipher, now);
  return { before, rule: await findRule(db, ruleId), effect } satisfies RuleChange;
}

/** Ends a rule: its future slots close (bookings kept, listed, holders told). */
export async function deactivateRule(
  db: Database,
  cipher: DescriptionCipher,
  ruleId: number,
  now: Date,
): Promise<RuleChange> {
  const before = await findRule(db, ruleId);
  await db.update(legalScheduleRules).set({ active: false }).where(eq(legalScheduleRules.id, ruleId));
  const effect = await refreshSchedule(db, cipher, now);
  return { before, rule: await findRule(db, ruleId), effect };
}

export async function listClosures(db: Reader, from: string): Promise<LegalClosure[]> {
  const rows = await db
    .select()
    .from(legalClosures)
    .where(gte(legalClosures.day, from))
    .orderBy(asc(legalClosures.day), asc(legalClosures.startTime));
  return rows.map(toClosureView);
}

/** An extra closure (a day, or a time range of it): the slots it hits close, with its reason shown to users. */
export async function createClosure(
  db: Database,
  cipher: DescriptionCipher,
  input: ClosureInput,
  staffId: number,
  now: Date,
) {
  if (input.date < beijingDate(now)) throw invalid('date', '不能为已过去的日期设置停诊');
  if (input.startTime && input.endTime && input.startTime >= input.endTime) {
    throw invalid('endTime', '结束时间须晚于开始时间');
  }
  const [result] = await db.insert(legalClosures).values({
    day: input.date,
    startTime: input.startTime ?? null,
    endTime: input.endTime ?? null,
    reason: input.reason,
    createdBy: staffId,
  });
  const effect = await refreshSchedule(db, cipher, now);
  const [closure] = await db
    .select()
    .from(legalClosures)
    .where(eq(legalClosures.id, Number(result.insertId)));
  if (!closure) throw new AppError('INTERNAL_ERROR');
  return { closure, effect };
}

/** Removes a closure: its slots reopen (unless a holiday or another closure still applies) and holders are told. */
export async function deleteClosure(db: Database, cipher: DescriptionCipher, closureId: number, now: Date) {
  const [closure] = await db.select().from(legalClosures).where(eq(legalClosures.id, closureId));
  if (!closure) throw new AppError('NOT_FOUND', '停诊记录不存在');
  await db.delete(legalClosures).where(eq(legalClosures.id, closureId));
  return { closure, effect: await refreshSchedule(db, cipher, now) };
}
