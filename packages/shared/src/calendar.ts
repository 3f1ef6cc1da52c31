import { z } from 'zod';

/** The working-day calendar 节假日 as admins see and correct it. Dates are Beijing calendar dates. */

export const holidayKinds = ['holiday', 'workday'] as const;
export const holidayKindSchema = z.enum(holidayKinds);
export type HolidayKind = z.infer<typeof holidayKindSchema>;
export const holidayKindLabels: Record<HolidayKind, string> = { holiday: '放假', workday: '调休上班' };

/**
 * The years the calendar is kept for. A date far outside them is a typo or a probe, never a schedule to enter, and
 * the year view reads a date's year from its first four digits, which a year before 1000 does not have.
 */
export const CALENDAR_YEARS = { from: 2000, to: 2100 } as const;

/** A real calendar date (no 02-30) within `CALENDAR_YEARS`. */
export const calendarDateSchema = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (date) => {
      const year = Number(date.slice(0, 4));
      return year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
    },
    { error: `日期应在 ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to} 年之间` },
  )
  .describe(`YYYY-MM-DD, years ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to}`);

export const holidayYearQuerySchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(CALENDAR_YEARS.from)
    .max(CALENDAR_YEARS.to)
    .optional()
    .describe('defaults to the current year (Beijing)'),
});

export const holidayOverrideBodySchema = z.strictObject({
  kind: holidayKindSchema,
  name: z.string().trim().min(1, { error: '请填写名称，如 国庆节' }).max(50, { error: '名称最多 50 字' }),
});
export type HolidayOverrideBody = z.infer<typeof holidayOverrideBodySchema>;

export const calendarDaySchema = z
  .object({
    date: calendarDateSchema,
    kind: holidayKindSchema,
    name: z.string(),
    source: z.enum(['statutory', 'override']),
    /** What the statutory schedule says for an overridden date (null: an ordinary weekday or weekend). */
    statutoryKind: holidayKindSchema.nullable(),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const holidayYearSchema = z
  .object({
    year: z.number().int(),
    /** The years whose State Council schedule the installed holiday library knows. */
    libraryYears: z.object({ from: z.number().int(), to: z.number().int() }),
    /** False: neither the library nor an admin override covers this year; working days fall back to Mon–Fri. */
    calendarKnown: z.boolean(),
    /** Days off and make-up workdays of the year (ordinary weekends are not listed). */
    days: z.array(calendarDaySchema),
  })
  .meta({ id: 'HolidayYear' });
export type HolidayYear = z.infer<typeof holidayYearSchema>;
