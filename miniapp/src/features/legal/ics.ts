import { beijingClock } from './time';

/**
 * An iCalendar file (RFC 5545) for one consultation, for 添加到日历 on H5: phones and computers open it in their
 * calendar app. Times are written as Beijing wall-clock with `TZID=Asia/Shanghai` and the zone's definition
 * (UTC+8 all year), so a calendar on another zone still puts the event at the right moment.
 */
export interface CalendarEvent {
  /** Stable per booking, so that adding it twice updates the same event. */
  uid: string;
  title: string;
  location: string;
  description: string;
  /** Instants as the API writes them (`2026-03-03T09:00:00+08:00`). */
  startsAt: string;
  endsAt: string;
  /** Minutes before the start for the reminder; none when left out. */
  alarmMinutesBefore?: number;
}

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines longer than 75 octets are folded. */
const MAX_LINE_OCTETS = 75;

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function octets(text: string): number {
  let count = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    count += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return count;
}

/** Folds a content line at 75 octets (continuations start with a space), never inside a character. */
export function foldIcsLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    if (octets(current) + octets(character) > limit) {
      pieces.push(current);
      current = '';
      // The leading space of a continuation line counts towards its 75 octets.
      limit = MAX_LINE_OCTETS - 1;
    }
    current += character;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

/** `2026-03-03T09:00:00+08:00` → `20260303T090000` (Beijing wall-clock, whatever offset the input has). */
export function beijingIcsTime(instant: string): string {
  const { date, time, seconds } = beijingClock(instant);
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}${seconds}`;
}

/** `20260303T010000Z`: an instant in UTC (DTSTAMP). */
function utcIcsTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export function buildIcs(event: CalendarEvent, now: Date = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Weidu Veterans Affairs//Veterans Service//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcIcsTime(now)}`,
    `DTSTART;TZID=Asia/Shanghai:${beijingIcsTime(event.startsAt)}`,
    `DTEND;TZID=Asia/Shanghai:${beijingIcsTime(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `LOCATION:${escapeIcsText(event.location)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    ...(event.alarmMinutesBefore === undefined
      ? []
      : [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeIcsText(event.title)}`,
          `TRIGGER:-PT${event.alarmMinutesBefore}M`,
          'END:VALARM',
        ]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join(CRLF)}${CRLF}`;
}

/** The calendar event of a booking. */
export function bookingEvent(booking: {
  id: number;
  topicLabel: string;
  slot: { place: string; startsAt: string; endsAt: string };
}): CalendarEvent {
  return {
    uid: `legal-booking-${booking.id}@veterans.weidu`,
    title: `法律咨询（${booking.topicLabel}）`,
    location: booking.slot.place,
    description: '免费法律咨询，由法律援助中心律师解答。请携带身份证及相关材料，按时到场。',
    startsAt: booking.slot.startsAt,
    endsAt: booking.slot.endsAt,
    alarmMinutesBefore: 60,
  };
}

export function icsFileName(booking: { slot: { date: string } }): string {
  return `法律咨询-${booking.slot.date}.ics`;
}
