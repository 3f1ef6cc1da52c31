import { describe, expect, it } from 'vitest';
import { channelBars, formatDays, formatRate, ratio } from './figures';

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

  it('draws every channel by its label, completed inside the total', () => {
    const byChannel = [
      { channel: 'online', label: '线上', total: 7, completed: 3 },
      { channel: 'counter', label: '窗口', total: 2, completed: 2 },
      { channel: 'phone', label: '电话', total: 0, completed: 0 },
      { channel: 'home', label: '上门', total: 1, completed: 0 },
    ] as const;
    expect(channelBars(byChannel)).toEqual([
      { key: 'online', label: '线上', value: 7, part: 3 },
      { key: 'counter', label: '窗口', value: 2, part: 2 },
      { key: 'phone', label: '电话', value: 0, part: 0 },
      { key: 'home', label: '上门', value: 1, part: 0 },
    ]);
  });
});
