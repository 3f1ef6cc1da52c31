import { describe, expect, it } from 'vitest';
import { formatDays, formatRate, ratio } from './figures';

describe('figures', () => {
  it('writes rates as percentages with one decimal, — when there is nothing to divide by', () => {
    expect(formatRate(0.857142)).toBe('85.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
  });

  it('writes working days with at most one decimal', () => {
    expect(formatDays(3)).toBe('3');
    expect(formatDays(3.25)).toBe('3.3');
    expect(formatDays(null)).toBe('—');
  });
});
