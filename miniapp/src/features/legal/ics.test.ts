import { describe, expect, it } from 'vitest';
import { beijingIcsTime, bookingEvent, buildIcs, escapeIcsText, foldIcsLine, icsFileName } from './ics';

const booking = {
  id: 42,
  topicLabel: '劳动就业',
  slot: {
    date: '2026-03-03',
    place: '魏都区退役军人服务中心',
    startsAt: '2026-03-03T09:00:00+08:00',
    endsAt: '2026-03-03T09:30:00+08:00',
  },
};

/** The file's logical lines (folded lines joined back, RFC 5545 §3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

const encoder = new TextEncoder();

describe('buildIcs', () => {
  const ics = buildIcs(bookingEvent(booking), new Date('2026-02-20T02:03:04Z'));
  const lines = unfold(ics);

  it('writes the consultation at its Beijing wall-clock time, in the Asia/Shanghai zone it defines', () => {
    expect(lines).toContain('DTSTART;TZID=Asia/Shanghai:20260303T090000');
    expect(lines).toContain('DTEND;TZID=Asia/Shanghai:20260303T093000');
    expect(lines).toContain('TZID:Asia/Shanghai');
    expect(lines).toContain('TZOFFSETTO:+0800');
    expect(lines.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  it('is one calendar with one event, a stable id, a UTC stamp, the place and a reminder', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:legal-booking-42@veterans.weidu');
    expect(lines).toContain('DTSTAMP:20260220T020304Z');
    expect(lines).toContain('SUMMARY:法律咨询（劳动就业）');
    expect(lines).toContain('LOCATION:魏都区退役军人服务中心');
    expect(lines).toContain('TRIGGER:-PT60M');
    expect(lines.some((line) => line.startsWith('DESCRIPTION:') && line.includes('请携带身份证及相关材料'))).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('uses CRLF line ends and keeps every physical line within 75 octets', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
  });
});

describe('Beijing times in the file', () => {
  it('converts instants given in any offset to Beijing wall-clock', () => {
    expect(beijingIcsTime('2026-03-03T09:00:00+08:00')).toBe('20260303T090000');
    expect(beijingIcsTime('2026-03-03T01:00:00Z')).toBe('20260303T090000');
    // Late evening UTC is the next morning in Beijing.
    expect(beijingIcsTime('2026-03-02T23:30:00-00:00')).toBe('20260303T073000');
  });
});

describe('text and folding', () => {
  it('escapes what iCalendar TEXT reserves', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds long lines between characters, never inside one', () => {
    const line = `DESCRIPTION:${'请携带身份证及相关材料'.repeat(10)}`;
    const folded = foldIcsLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(encoder.encode(piece).length).toBeLessThanOrEqual(75);
    expect(pieces.slice(1).every((piece) => piece.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldIcsLine('SHORT:line')).toBe('SHORT:line');
  });

  it('names the file after the day', () => {
    expect(icsFileName(booking)).toBe('法律咨询-2026-03-03.ics');
  });
});
