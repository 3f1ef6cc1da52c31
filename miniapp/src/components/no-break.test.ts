import { describe, expect, it } from 'vitest';
import { noBreakParts } from './no-break';

describe('noBreakParts', () => {
  it('keeps a date with its weekday and a time range each in one piece', () => {
    expect(noBreakParts('2026年12月8日（周二） 10:00-10:30')).toEqual([
      { text: '2026年12月8日（周二）', noBreak: true },
      { text: ' ', noBreak: false },
      { text: '10:00-10:30', noBreak: true },
    ]);
  });

  it('finds short dates and due dates inside a sentence', () => {
    expect(noBreakParts('请于12月8日前到服务站')).toEqual([
      { text: '请于', noBreak: false },
      { text: '12月8日前', noBreak: true },
      { text: '到服务站', noBreak: false },
    ]);
  });

  it('leaves text without dates alone', () => {
    expect(noBreakParts('魏都区退役军人服务中心')).toEqual([{ text: '魏都区退役军人服务中心', noBreak: false }]);
    expect(noBreakParts('')).toEqual([]);
  });
});
