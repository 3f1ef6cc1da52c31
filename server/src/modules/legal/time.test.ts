import { describe, expect, it } from 'vitest';
import { BEIJING_OFFSET_MS, beijingDate, beijingTime, toBeijingIso } from './time';

/** The formatting by `Date#toISOString` that the table-driven formatters replace. */
const wallClockIso = (instant: Date) => new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
const reference = {
  date: (instant: Date) => wallClockIso(instant).slice(0, 10),
  time: (instant: Date) => wallClockIso(instant).slice(11, 16),
  iso: (instant: Date) => `${wallClockIso(instant).slice(0, 19)}+08:00`,
};

/** The instants any formatter writes otherwise than the reference (expect per instant is slower than the work). */
function differences(instants: Iterable<Date>): string[] {
  const found: string[] = [];
  for (const instant of instants) {
    if (
      beijingDate(instant) !== reference.date(instant) ||
      beijingTime(instant) !== reference.time(instant) ||
      toBeijingIso(instant) !== reference.iso(instant)
    ) {
      found.push(instant.toISOString());
    }
  }
  return found;
}

function* every(from: number, until: number, stepMs: number) {
  for (let at = from; at < until; at += stepMs) yield new Date(at);
}

describe('formatting instants in Beijing time', () => {
  it('writes what toISOString writes, every 7 minutes and 13 seconds of three years', () => {
    const from = Date.UTC(2025, 11, 31, 12);
    const until = Date.UTC(2028, 11, 31, 12);
    expect(differences(every(from, until, (7 * 60 + 13) * 1000 + 7))).toEqual([]);
  });

  it('at the edges of days, seconds and milliseconds', () => {
    const edges = [
      '2026-12-01T15:59:59.999Z',
      '2026-12-01T16:00:00.000Z',
      '2026-12-01T16:00:00.001Z',
      '2024-02-28T16:00:00.000Z',
      '2024-02-29T15:59:59.999Z',
      '2026-12-31T15:59:59.500Z',
      '2026-12-31T16:00:00.000Z',
    ];
    expect(differences(edges.map((iso) => new Date(iso)))).toEqual([]);
    expect(toBeijingIso(new Date('2026-12-01T15:59:59.999Z'))).toBe('2026-12-01T23:59:59+08:00');
    expect(beijingDate(new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-02');
  });

  it('at random instants from 1970 to 9999, and outside those years as toISOString does', () => {
    let state = 42;
    const random = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 4_294_967_296;
    };
    const last = Date.UTC(9999, 11, 31, 15, 59, 59, 999);
    const randomInstants = Array.from({ length: 50_000 }, () => new Date(Math.floor(random() * last)));
    expect(differences(randomInstants)).toEqual([]);
    const outside = [-BEIJING_OFFSET_MS - 1, -1, 0, last, last + 1, Date.UTC(10000, 0, 1), -Date.UTC(3000, 0, 1)];
    expect(differences(outside.map((at) => new Date(at)))).toEqual([]);
  });

  it('refuses an invalid date, as toISOString does', () => {
    expect(() => toBeijingIso(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => beijingTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
