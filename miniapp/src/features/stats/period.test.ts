import { describe, expect, it } from 'vitest';
import { periodDays, periodProblem, presetOf, presetPeriod } from './period';

describe('period presets', () => {
  it('本月 / 本季度 / 本年 run up to today; 上年 is the whole previous year', () => {
    expect(presetPeriod('month', '2026-05-20')).toEqual({ from: '2026-05-01', to: '2026-05-20' });
    expect(presetPeriod('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(presetPeriod('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(presetPeriod('year', '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-05-20' });
    expect(presetPeriod('last-year', '2026-05-20')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('recognises a preset period, and none for other dates', () => {
    expect(presetOf({ from: '2026-01-01', to: '2026-05-20' }, '2026-05-20')).toBe('year');
    expect(presetOf({ from: '2026-02-01', to: '2026-05-20' }, '2026-05-20')).toBeNull();
  });
});

describe('periodProblem', () => {
  it('accepts up to two years, both ends included', () => {
    expect(periodDays({ from: '2026-01-01', to: '2026-01-01' })).toBe(1);
    expect(periodProblem({ from: '2024-01-01', to: '2025-12-31' })).toBeNull();
    expect(periodProblem({ from: '2024-01-01', to: '2026-01-02' })).toBe('统计期间最长两年');
  });

  it('refuses a reversed period and what is not a date', () => {
    expect(periodProblem({ from: '2026-02-01', to: '2026-01-31' })).toBe('起始日期不能晚于截止日期');
    expect(periodProblem({ from: '', to: '2026-01-31' })).toBe('请选择起始日期');
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('请选择起始日期');
  });
});
