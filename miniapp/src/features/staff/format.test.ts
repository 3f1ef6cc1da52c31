import { describe, expect, it } from 'vitest';
import {
  applicantText,
  beijingInstant,
  dateText,
  dateTimeText,
  daysBetween,
  dueMark,
  promisedText,
  statusBadge,
} from './format';

describe('daysBetween', () => {
  it('counts calendar days across months and years', () => {
    expect(daysBetween('2026-11-26', '2026-11-26')).toBe(0);
    expect(daysBetween('2026-11-30', '2026-12-02')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-12-02', '2026-11-30')).toBe(-2);
  });
});

describe('dueMark', () => {
  const open = { status: 'processing' as const, overdue: false };

  it('says how many days a request is overdue', () => {
    expect(dueMark({ ...open, dueDate: '2026-11-20', overdue: true }, '2026-11-26')).toEqual({
      text: '已逾期 6 天',
      overdue: true,
    });
  });

  it('never says 0 days when the server already calls it overdue', () => {
    expect(dueMark({ ...open, dueDate: '2026-11-26', overdue: true }, '2026-11-26')).toEqual({
      text: '已逾期 1 天',
      overdue: true,
    });
  });

  it('trusts the date when the list is older than today', () => {
    expect(dueMark({ ...open, dueDate: '2026-11-25' }, '2026-11-26')?.overdue).toBe(true);
  });

  it('marks the last day and shows the date before that', () => {
    expect(dueMark({ ...open, dueDate: '2026-11-26' }, '2026-11-26')).toEqual({ text: '今天到期', overdue: false });
    expect(dueMark({ ...open, dueDate: '2026-12-15' }, '2026-11-26')).toEqual({
      text: '2026年12月15日前办结',
      overdue: false,
    });
  });

  it('has nothing to say about finished requests or missing dates', () => {
    expect(dueMark({ status: 'completed', dueDate: '2026-11-01', overdue: false }, '2026-11-26')).toBeNull();
    expect(dueMark({ status: 'withdrawn', dueDate: '2026-11-01', overdue: false }, '2026-11-26')).toBeNull();
    expect(dueMark({ ...open, dueDate: null }, '2026-11-26')).toBeNull();
  });
});

describe('labels', () => {
  it('calls a submitted request 待受理 on the workbench', () => {
    expect(statusBadge('submitted')).toEqual({ text: '待受理', tone: 'warning' });
    expect(statusBadge('rejected')).toEqual({ text: '不予受理', tone: 'danger' });
    expect(statusBadge('completed').tone).toBe('success');
  });

  it('shows times in Beijing time', () => {
    expect(dateTimeText('2026-11-26T01:30:00.000Z')).toBe('2026年11月26日 09:30');
    expect(dateText('2026-11-25T17:00:00.000Z')).toBe('2026年11月26日');
    expect(dateText('2026-12-15')).toBe('2026年12月15日');
  });

  it('names the veteran when family filed for them', () => {
    expect(applicantText({ applicantName: '张*', subjectName: '张*', onBehalf: false })).toBe('张*');
    expect(applicantText({ applicantName: '李*', subjectName: '张*', onBehalf: true })).toBe('李*（代 张* 办理）');
  });
});

describe('beijingInstant', () => {
  it('adds seconds and the Beijing offset', () => {
    expect(beijingInstant('2026-11-26', '09:30')).toBe('2026-11-26T09:30:00+08:00');
    expect(beijingInstant('2026-11-26', '09:30:15')).toBe('2026-11-26T09:30:15+08:00');
  });
});

describe('promisedText', () => {
  const open = { status: 'processing' as const, overdue: false, promisedWorkingDays: 20 };

  it('says the due date once (issue 16: not "…前（20 个工作日），…前办结")', () => {
    const text = promisedText({ ...open, dueDate: '2026-12-31' }, '2026-12-01');
    expect(text).toBe('2026年12月31日前（20 个工作日）');
    expect(text?.match(/2026年12月31日/g)).toHaveLength(1);
  });

  it('adds 今天到期 on the day, nothing when overdue (the red mark says it) or without a date', () => {
    expect(promisedText({ ...open, dueDate: '2026-12-01' }, '2026-12-01')).toBe(
      '2026年12月1日前（20 个工作日），今天到期',
    );
    expect(promisedText({ ...open, dueDate: '2026-11-20', overdue: true }, '2026-12-01')).toBe(
      '2026年11月20日前（20 个工作日）',
    );
    expect(promisedText({ ...open, dueDate: null }, '2026-12-01')).toBeNull();
  });
});
