import { describe, expect, it } from 'vitest';
import { dateTimeText, needsAttention, statusTone, summaryLine, transitionText } from './status';

describe('request status presentation', () => {
  it('marks what needs the applicant or is late', () => {
    expect(needsAttention({ status: 'needs_supplement', overdue: false })).toBe(true);
    expect(needsAttention({ status: 'processing', overdue: true })).toBe(true);
    expect(needsAttention({ status: 'processing', overdue: false })).toBe(false);
    expect(statusTone('needs_supplement')).toBe('warning');
    expect(statusTone('completed')).toBe('success');
    expect(statusTone('rejected')).toBe('danger');
  });

  it('writes times in Beijing time', () => {
    expect(dateTimeText('2026-11-26T01:30:00.000Z')).toBe('2026年11月26日 09:30');
    expect(dateTimeText('2026-11-26T17:05:00.000Z')).toBe('2026年11月27日 01:05');
  });

  it('sums a request up in one line', () => {
    const base = { number: 'WD20261126-0007', dueDate: '2026-12-10', draftExpiresAt: null };
    expect(summaryLine({ ...base, status: 'processing' })).toBe('WD20261126-0007 · 承诺 2026年12月10日前办结');
    expect(summaryLine({ ...base, status: 'completed' })).toBe('WD20261126-0007');
    expect(
      summaryLine({ number: null, dueDate: null, status: 'draft', draftExpiresAt: '2027-01-25T02:00:00.000Z' }),
    ).toBe('草稿 · 2027年1月25日前有效');
  });

  it('says what a timeline entry changed', () => {
    expect(transitionText({ fromStatus: 'submitted', toStatus: 'accepted' })).toBe('已提交 → 已受理');
    expect(transitionText({ fromStatus: null, toStatus: 'draft' })).toBe('草稿');
    expect(transitionText({ fromStatus: null, toStatus: null })).toBe('');
  });
});
