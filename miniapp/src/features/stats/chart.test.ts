import { describe, expect, it } from 'vitest';
import { monthLabel, scaleBars, scaleToPercent } from './chart';

describe('scaleToPercent', () => {
  it('makes the largest value 100% and the others their share of it', () => {
    expect(scaleToPercent([50, 100, 25])).toEqual([50, 100, 25]);
    expect(scaleToPercent([1, 3])).toEqual([33.3, 100]);
  });

  it('gives any value above zero a visible sliver, and zero nothing', () => {
    expect(scaleToPercent([1, 1000, 0])).toEqual([2, 100, 0]);
    expect(scaleToPercent([1, 1000], 5)).toEqual([5, 100]);
  });

  it('draws nothing when everything is zero, empty or not a number', () => {
    expect(scaleToPercent([0, 0])).toEqual([0, 0]);
    expect(scaleToPercent([])).toEqual([]);
    expect(scaleToPercent([Number.NaN, 4])).toEqual([0, 100]);
    expect(scaleToPercent([-3, 6])).toEqual([0, 100]);
  });
});

describe('scaleBars', () => {
  it('scales the part inside its bar against the same maximum', () => {
    const [first, second] = scaleBars([
      { key: 'a', label: '优待证申领', value: 40, part: 30 },
      { key: 'b', label: '政策咨询', value: 80, part: 80 },
    ]);
    expect(first).toMatchObject({ percent: 50, partPercent: 37.5 });
    expect(second).toMatchObject({ percent: 100, partPercent: 100 });
  });

  it('never draws the part longer than its bar, and nothing for a zero part', () => {
    const [bar, empty] = scaleBars([
      { key: 'a', label: 'a', value: 1, part: 1 },
      { key: 'b', label: 'b', value: 1000, part: 0 },
    ]);
    expect(bar?.partPercent).toBeLessThanOrEqual(bar?.percent ?? 0);
    expect(empty?.partPercent).toBe(0);
  });
});

describe('monthLabel', () => {
  it('names the month, with the year on the first column and in January', () => {
    expect(monthLabel('2026-03', false)).toBe('3月');
    expect(monthLabel('2026-01', false)).toBe('2026年1月');
    expect(monthLabel('2025-11', true)).toBe('2025年11月');
  });
});
