import { z } from 'zod';
import { bookingStatusSchema, legalTopicSchema } from './legal';
import { requestChannelSchema } from './request-relation';
import { requestStatusSchema } from './request-workflow';
import { orgLevelSchema, serviceCodeSchema } from './services';

/**
 * Bureau statistics 统计 for the annual report: `GET /staff/stats` (JSON) and `GET /staff/stats/export` (xlsx).
 *
 * The period is a range of Beijing calendar dates, both ends included, at most two years. Request figures
 * (counts, handling time, on-time rate, 好差评) are about the requests **submitted** in the period whose
 * handling unit is the chosen unit or below it; the 好差评 and follow-ups are those of these requests,
 * whenever given. Handling time counts working days from the Beijing date of submission to that of
 * completion (the day of submission not counted; statutory holidays and make-up workdays as the calendar
 * says); median and 90th percentile as Excel's MEDIAN and PERCENTILE.INC compute them. On time: completed on
 * or before the due date set at submission (submission + the promised working days).
 *
 * Legal consultations are given by the district centre for the whole district, so they are shown only when
 * the chosen unit is the district (`legal` is null for a 街道 or 社区). New verified veterans are counted by
 * the community they registered in.
 */

export const STATS_MAX_DAYS = 731;

const calendarDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const statsQuerySchema = z.object({
  from: calendarDate.optional().describe('起始日期（北京时间，含当日）；默认当年 1 月 1 日'),
  to: calendarDate.optional().describe('截止日期（北京时间，含当日）；默认今天'),
  unit: z.coerce.number().int().positive().optional().describe('机构 id，须为本人所在机构或其下级；默认本人所在机构'),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const rate = z.number().min(0).max(1).nullable().describe('0–1；分母为 0 时为 null');
const days = z.number().nullable().describe('工作日；没有已办结的办件时为 null');

export const statsUnitSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: orgLevelSchema,
});

export const statusCountsSchema = z
  .partialRecord(requestStatusSchema, z.number().int())
  .describe('every status but draft');
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const serviceCountRowSchema = z.object({
  serviceCode: serviceCodeSchema,
  serviceName: z.string(),
  total: z.number().int(),
  completed: z.number().int(),
});

export const statusCountRowSchema = z.object({
  status: requestStatusSchema,
  label: z.string(),
  count: z.number().int(),
});

export const streetRowSchema = z.object({
  /** The 街道 unit; null for requests handled by the district centre itself 区服务中心（本级）. */
  unitId: z.number().int().nullable(),
  name: z.string(),
  total: z.number().int(),
  byStatus: statusCountsSchema,
});
export type StreetRow = z.infer<typeof streetRowSchema>;

/** Requests by how they reached the bureau: the app, or staff filing at the counter, on the phone, on a visit. */
export const channelRowSchema = z.object({
  channel: requestChannelSchema,
  label: z.string(),
  total: z.number().int(),
  completed: z.number().int(),
});
export type ChannelRow = z.infer<typeof channelRowSchema>;

export const monthRowSchema = z.object({
  month: z.string().describe('YYYY-MM (Beijing)'),
  submitted: z.number().int(),
  completed: z.number().int().describe('of those submitted in the month, completed by now'),
});

export const handlingFiguresSchema = z.object({
  completed: z.number().int(),
  medianWorkingDays: days,
  p90WorkingDays: days,
  onTime: z.number().int(),
  onTimeRate: rate,
});
export type HandlingFigures = z.infer<typeof handlingFiguresSchema>;

export const serviceHandlingRowSchema = handlingFiguresSchema.extend({
  serviceCode: serviceCodeSchema,
  serviceName: z.string(),
  promisedWorkingDays: z.number().int(),
});

export const ratingLevelRowSchema = z.object({
  level: z.number().int().min(1).max(5),
  label: z.string(),
  count: z.number().int(),
});

export const ratingFiguresSchema = z.object({
  total: z.number().int(),
  byLevel: z.array(ratingLevelRowSchema),
  /** 非常满意 + 满意. */
  satisfied: z.number().int(),
  satisfactionRate: rate,
  followUps: z.object({
    opened: z.number().int(),
    closed: z.number().int(),
    open: z.number().int(),
    closureRate: rate,
  }),
});
export type RatingFigures = z.infer<typeof ratingFiguresSchema>;

export const legalTopicRowSchema = z.object({
  topic: legalTopicSchema,
  label: z.string(),
  booked: z.number().int().describe('all bookings of slots in the period, whatever became of them'),
  held: z.number().int(),
  cancelled: z.number().int(),
  noShows: z.number().int(),
  pending: z.number().int(),
});

export const legalFiguresSchema = z.object({
  /** Every booking of a slot in the period (including walk-ins and cancelled ones). */
  booked: z.number().int(),
  /** Checked in 已签到: the consultation took place. */
  held: z.number().int(),
  /** Cancelled by the person or by the centre. */
  cancelled: z.number().int(),
  cancelledByCentre: z.number().int(),
  noShows: z.number().int(),
  /** Still 已预约 (upcoming, or not yet marked). */
  pending: z.number().int(),
  byStatus: z.record(bookingStatusSchema, z.number().int()),
  byTopic: z.array(legalTopicRowSchema),
});
export type LegalFigures = z.infer<typeof legalFiguresSchema>;

export const verifiedCommunityRowSchema = z.object({
  /** null: veterans who named no community (counted for the district only). */
  unitId: z.number().int().nullable(),
  name: z.string(),
  streetName: z.string().nullable(),
  count: z.number().int(),
});

export const statsSchema = z
  .object({
    period: z.object({ from: calendarDate, to: calendarDate }),
    unit: statsUnitSchema,
    generatedAt: z.string(),
    requests: z.object({
      total: z.number().int(),
      byService: z.array(serviceCountRowSchema),
      byStatus: z.array(statusCountRowSchema),
      byStreet: z.array(streetRowSchema),
      byChannel: z.array(channelRowSchema),
      byMonth: z.array(monthRowSchema),
    }),
    handling: z.object({
      overall: handlingFiguresSchema,
      byService: z.array(serviceHandlingRowSchema),
    }),
    ratings: ratingFiguresSchema,
    legal: legalFiguresSchema.nullable().describe('仅区级统计提供（法律咨询由区服务中心统一提供）'),
    verifiedVeterans: z.object({
      total: z.number().int(),
      byCommunity: z.array(verifiedCommunityRowSchema),
    }),
  })
  .meta({ id: 'Stats' });
export type Stats = z.infer<typeof statsSchema>;

/** Sheet names of the xlsx export, in order after the cover sheet 封面. */
export const statsSheetNames = {
  cover: '封面',
  byService: '按事项',
  byStatus: '按状态',
  byStreet: '按街道',
  byChannel: '按受理渠道',
  handling: '办理时效',
  ratings: '好差评',
  legal: '法律咨询',
  verified: '新认证退役军人',
} as const;

export const STATS_REPORT_TITLE = '魏都区退役军人服务统计';
