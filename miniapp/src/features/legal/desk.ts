import {
  type Ability,
  type AbilitySubject,
  can,
  type LegalDayBooking,
  type ScheduleEffect,
  type ScheduleRule,
} from '@veterans/shared';
import { legalDeskPages } from './pages';
import { weekdayName } from './time';

export interface DeskLink {
  key: string;
  title: string;
  /** One line under the title. */
  text: string;
  url: string;
  /** Who sees the entry: the ability its page requires. */
  ability: Ability;
}

/**
 * The desk's entries for the staff workbench to list (render `legalDeskLinksFor(principal)` as menu rows), each
 * shown to the callers the shared ability table lets open its page.
 */
export const legalDeskLinks: readonly DeskLink[] = [
  {
    key: 'day',
    title: '法律咨询·当日预约',
    text: '签到、未到、现场登记',
    url: legalDeskPages.day,
    ability: 'legal.day',
  },
  {
    key: 'records',
    title: '法律咨询·咨询记录',
    text: '律师的咨询记录',
    url: legalDeskPages.records,
    ability: 'legal.day',
  },
  {
    key: 'impacts',
    title: '法律咨询·受影响的预约',
    text: '排班调整、停诊后需联系的预约',
    url: legalDeskPages.impacts,
    ability: 'legal.desk',
  },
  {
    key: 'rules',
    title: '法律咨询·排班规则',
    text: '时间、地点、名额、截止时间',
    url: legalDeskPages.rules,
    ability: 'legal.schedule',
  },
  {
    key: 'closures',
    title: '法律咨询·停诊安排',
    text: '节假日以外的临时停诊',
    url: legalDeskPages.closures,
    ability: 'legal.schedule',
  },
];

export function legalDeskLinksFor(principal: AbilitySubject): DeskLink[] {
  return legalDeskLinks
    .filter((link) => can(principal, link.ability))
    .map((link) =>
      link.key === 'records' && writesRecords(principal) ? { ...link, title: '法律咨询·我的记录' } : link,
    );
}

/** The lawyer on duty: the records pages show their own records. */
export function writesRecords(principal: AbilitySubject): boolean {
  return can(principal, 'legal.record');
}

// ---------------------------------------------------------------------------------------------------------------
// The day's list

export type DeskAction = 'check-in' | 'no-show' | 'record';

/**
 * The buttons a booking on the day's list offers the signed-in caller: check-in only on the slot's day (a
 * no-show of that day may still check in), no-show only once the slot has started, the record once checked in.
 */
export function bookingActions(
  booking: Pick<LegalDayBooking, 'status' | 'recordId'>,
  principal: AbilitySubject,
  when: { today: boolean; started: boolean },
): DeskAction[] {
  const runsDesk = can(principal, 'legal.desk');
  const actions: DeskAction[] = [];
  if (runsDesk && when.today && (booking.status === 'booked' || booking.status === 'no_show')) {
    actions.push('check-in');
  }
  if (runsDesk && when.started && booking.status === 'booked') actions.push('no-show');
  if (writesRecords(principal) && booking.status === 'checked_in' && booking.recordId === null) {
    actions.push('record');
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------------------------
// Schedule rules

export const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: day, label: weekdayName(day) }));

/** [2] → 每周二; [1, 3] → 每周一、周三. */
export function weekdaysText(weekdays: readonly number[]): string {
  const names = [...weekdays].sort((a, b) => a - b).map(weekdayName);
  return names.length === 0 ? '—' : `每${names.join('、')}`;
}

/** 1, 18:00 → 前 1 天 18:00; 0, 23:59 → 当天 23:59. */
export function cutoffText(daysBefore: number, time: string): string {
  return daysBefore === 0 ? `当天 ${time}` : `前 ${daysBefore} 天 ${time}`;
}

/** The lines of a rule's card. */
export function ruleLines(rule: ScheduleRule): string[] {
  return [
    `${weekdaysText(rule.weekdays)} ${rule.startTime}-${rule.endTime}`,
    `每 ${rule.slotMinutes} 分钟一个时段，每个时段 ${rule.capacity} 人`,
    `提前 ${rule.weeksAhead} 周开放预约`,
    `预约截止：${cutoffText(rule.bookingCutoffDaysBefore, rule.bookingCutoffTime)}；取消截止：${cutoffText(
      rule.cancelCutoffDaysBefore,
      rule.cancelCutoffTime,
    )}`,
    `有效期：${rule.validFrom} 起${rule.validTo ? `至 ${rule.validTo}` : '，长期有效'}`,
  ];
}

/** What a schedule change did, in a sentence. */
export function effectText(effect: ScheduleEffect): string {
  const parts = [
    effect.slotsCreated > 0 ? `新发布 ${effect.slotsCreated} 个时段` : '',
    effect.slotsClosed > 0 ? `停诊 ${effect.slotsClosed} 个时段` : '',
    effect.slotsReopened > 0 ? `恢复开放 ${effect.slotsReopened} 个时段` : '',
  ].filter(Boolean);
  const slots = parts.length > 0 ? `${parts.join('，')}。` : '已发布的时段没有变化。';
  const bookings =
    effect.affectedBookings > 0
      ? `${effect.affectedBookings} 个已有预约受影响，已列入“受影响的预约”并通知预约人。`
      : '没有预约受影响。';
  return `${slots}${bookings}`;
}

/** The rule form as typed (numbers as text, so that a half-typed field is not lost). */
export interface RuleDraft {
  place: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  slotMinutes: string;
  capacity: string;
  weeksAhead: string;
  bookingCutoffDaysBefore: string;
  bookingCutoffTime: string;
  cancelCutoffDaysBefore: string;
  cancelCutoffTime: string;
  validFrom: string;
  validTo: string;
}

export const ruleNumberFields = {
  slotMinutes: { label: '每个时段（分钟）', min: 10, max: 240 },
  capacity: { label: '每个时段名额', min: 1, max: 50 },
  weeksAhead: { label: '提前开放（周）', min: 1, max: 12 },
  bookingCutoffDaysBefore: { label: '预约截止：提前天数', min: 0, max: 14 },
  cancelCutoffDaysBefore: { label: '取消截止：提前天数', min: 0, max: 14 },
} as const;
type NumberField = keyof typeof ruleNumberFields;

export function newRuleDraft(today: string): RuleDraft {
  return {
    place: '魏都区退役军人服务中心',
    weekdays: [2],
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: '30',
    capacity: '2',
    weeksAhead: '4',
    bookingCutoffDaysBefore: '1',
    bookingCutoffTime: '18:00',
    cancelCutoffDaysBefore: '1',
    cancelCutoffTime: '18:00',
    validFrom: today,
    validTo: '',
  };
}

export function draftOfRule(rule: ScheduleRule): RuleDraft {
  return {
    place: rule.place,
    weekdays: [...rule.weekdays],
    startTime: rule.startTime,
    endTime: rule.endTime,
    slotMinutes: String(rule.slotMinutes),
    capacity: String(rule.capacity),
    weeksAhead: String(rule.weeksAhead),
    bookingCutoffDaysBefore: String(rule.bookingCutoffDaysBefore),
    bookingCutoffTime: rule.bookingCutoffTime,
    cancelCutoffDaysBefore: String(rule.cancelCutoffDaysBefore),
    cancelCutoffTime: rule.cancelCutoffTime,
    validFrom: rule.validFrom,
    validTo: rule.validTo ?? '',
  };
}

/** A whole number typed in a field, or NaN (which the schema refuses). */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The draft as `scheduleRuleInputSchema` takes it. */
export function ruleInputOf(draft: RuleDraft) {
  return {
    place: draft.place,
    weekdays: [...draft.weekdays].sort((a, b) => a - b),
    startTime: draft.startTime,
    endTime: draft.endTime,
    slotMinutes: whole(draft.slotMinutes),
    capacity: whole(draft.capacity),
    weeksAhead: whole(draft.weeksAhead),
    bookingCutoffDaysBefore: whole(draft.bookingCutoffDaysBefore),
    bookingCutoffTime: draft.bookingCutoffTime,
    cancelCutoffDaysBefore: whole(draft.cancelCutoffDaysBefore),
    cancelCutoffTime: draft.cancelCutoffTime,
    validFrom: draft.validFrom,
    validTo: draft.validTo.trim() === '' ? null : draft.validTo.trim(),
  };
}

/**
 * Plain Chinese for the number fields (the schema's own messages name types and bounds): every number field
 * with an error gets "请输入 a–b 之间的整数".
 */
export function friendlyRuleErrors(errors: Partial<Record<string, string>>): Partial<Record<string, string>> {
  const friendly = { ...errors };
  for (const [field, { min, max }] of Object.entries(ruleNumberFields) as [
    NumberField,
    { min: number; max: number },
  ][]) {
    if (friendly[field]) friendly[field] = `请输入 ${min}–${max} 之间的整数`;
  }
  if (friendly.validFrom) friendly.validFrom = '请填写开始日期（YYYY-MM-DD）';
  if (friendly.validTo) friendly.validTo = '结束日期格式应为 YYYY-MM-DD，或留空表示长期有效';
  return friendly;
}
