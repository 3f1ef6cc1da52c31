import { legalMyBookingsPage, legalRecordsPage, scheduleRuleInputSchema } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { validate } from '../../forms/validation';
import { routes } from '../../navigation/routes';
import {
  bookingActions,
  cutoffText,
  draftOfRule,
  effectText,
  friendlyRuleErrors,
  legalDeskLinksFor,
  newRuleDraft,
  ruleInputOf,
  ruleLines,
  weekdaysText,
} from './desk';
import { legalDeskPages, legalPages } from './pages';

/** Callers as the shared ability table sees them: centre staff, a district admin, a lawyer, street staff. */
const centreStaff = { role: 'staff', unitLevel: 'district', isSupervisor: false } as const;
const districtAdmin = { role: 'admin', unitLevel: 'district', isSupervisor: false } as const;
const lawyer = { role: 'lawyer', unitLevel: 'district', isSupervisor: false } as const;
const streetStaff = { role: 'staff', unitLevel: 'street', isSupervisor: false } as const;
const veteran = { role: 'veteran', unitLevel: null, isSupervisor: false } as const;

describe('the desk by ability', () => {
  it('lets staff and admins check in (on the day) and mark no-shows; lawyers record checked-in consultations', () => {
    const booked = { status: 'booked' as const, recordId: null };
    const started = { today: true, started: true };
    expect(bookingActions(booked, centreStaff, started)).toEqual(['check-in', 'no-show']);
    expect(bookingActions(booked, centreStaff, { today: true, started: false })).toEqual(['check-in']);
    expect(bookingActions(booked, districtAdmin, { today: false, started: false })).toEqual([]);
    expect(bookingActions(booked, districtAdmin, { today: false, started: true })).toEqual(['no-show']);
    expect(bookingActions(booked, lawyer, started)).toEqual([]);
    expect(bookingActions({ status: 'no_show', recordId: null }, centreStaff, started)).toEqual(['check-in']);
    const checkedIn = { status: 'checked_in' as const, recordId: null };
    expect(bookingActions(checkedIn, lawyer, started)).toEqual(['record']);
    expect(bookingActions(checkedIn, centreStaff, started)).toEqual([]);
    expect(bookingActions({ status: 'checked_in', recordId: 3 }, lawyer, started)).toEqual([]);
  });

  it('lists the desk pages each caller may open, for the workbench', () => {
    expect(legalDeskLinksFor(lawyer).map((link) => link.title)).toEqual(['法律咨询·当日预约', '法律咨询·我的记录']);
    expect(legalDeskLinksFor(centreStaff).map((link) => link.key)).toEqual(['day', 'records', 'impacts']);
    expect(legalDeskLinksFor(districtAdmin).map((link) => link.key)).toEqual([
      'day',
      'records',
      'impacts',
      'rules',
      'closures',
    ]);
    expect(legalDeskLinksFor(veteran)).toEqual([]);
    // The consultation is held at the district centre: a street station's staff have no desk entries.
    expect(legalDeskLinksFor(streetStaff)).toEqual([]);
    expect(bookingActions({ status: 'booked', recordId: null }, streetStaff, { today: true, started: true })).toEqual(
      [],
    );
  });

  it('keeps the pages notifications link to where the app has them', () => {
    expect(legalPages.mine).toBe(legalMyBookingsPage);
    expect(legalPages.records).toBe(legalRecordsPage);
  });

  it('lists every legal page among the app routes (sign-in and notification links return only to those)', () => {
    const known = new Set<string>(Object.values(routes));
    for (const page of [...Object.values(legalPages), ...Object.values(legalDeskPages)]) expect(known).toContain(page);
  });
});

describe('schedule rules', () => {
  it('describes a rule in plain Chinese', () => {
    expect(weekdaysText([4, 2])).toBe('每周二、周四');
    expect(cutoffText(1, '18:00')).toBe('前 1 天 18:00');
    expect(cutoffText(0, '23:59')).toBe('当天 23:59');
    const input = ruleInputOf(newRuleDraft('2026-03-01'));
    const rule = { ...input, id: 1, validTo: null, active: true, createdAt: '', updatedAt: '' };
    expect(ruleLines(rule)).toEqual([
      '每周二 09:00-12:00',
      '每 30 分钟一个时段，每个时段 2 人',
      '提前 4 周开放预约',
      '预约截止：前 1 天 18:00；取消截止：前 1 天 18:00',
      '有效期：2026-03-01 起，长期有效',
    ]);
    expect(draftOfRule(rule)).toEqual(newRuleDraft('2026-03-01'));
  });

  it('turns the form into what the shared schema accepts, and explains what it refuses', () => {
    const good = validate(scheduleRuleInputSchema, ruleInputOf(newRuleDraft('2026-03-01')));
    expect(good.ok).toBe(true);
    const draft = { ...newRuleDraft('2026-03-01'), capacity: '', slotMinutes: '5', weekdays: [], endTime: '08:00' };
    const bad = validate(scheduleRuleInputSchema, ruleInputOf(draft));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const errors = friendlyRuleErrors(bad.errors);
    expect(errors.capacity).toBe('请输入 1–50 之间的整数');
    expect(errors.slotMinutes).toBe('请输入 10–240 之间的整数');
    expect(errors.weekdays).toBe('请至少选择一天');
  });

  it('says what a change did to the published slots', () => {
    expect(effectText({ slotsCreated: 8, slotsClosed: 0, slotsReopened: 0, affectedBookings: 0 })).toBe(
      '新发布 8 个时段。没有预约受影响。',
    );
    expect(effectText({ slotsCreated: 0, slotsClosed: 3, slotsReopened: 1, affectedBookings: 2 })).toBe(
      '停诊 3 个时段，恢复开放 1 个时段。2 个已有预约受影响，已列入“受影响的预约”并通知预约人。',
    );
    expect(effectText({ slotsCreated: 0, slotsClosed: 0, slotsReopened: 0, affectedBookings: 0 })).toBe(
      '已发布的时段没有变化。没有预约受影响。',
    );
  });
});
