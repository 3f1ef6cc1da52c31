import { z } from 'zod';
import { phoneSchema } from './auth';
import { serviceCodeSchema } from './services';

/**
 * 入户办理: for key 优抚对象 and people over 80, seriously ill, without self-care or bedridden, the station files
 * at home on request of the person or their family. The person (or a linked family member) asks, saying why;
 * the unit's staff schedule the visit (the person is told the date), file the service at the visit through the
 * counter-filing path (channel 上门), and record the visit.
 */
export const homeFilingReasons = ['age_80', 'illness', 'bedridden', 'other'] as const;
export const homeFilingReasonSchema = z.enum(homeFilingReasons, { error: '请选择需要上门办理的原因' });
export type HomeFilingReason = z.infer<typeof homeFilingReasonSchema>;
export const homeFilingReasonLabels: Record<HomeFilingReason, string> = {
  age_80: '年满 80 周岁',
  illness: '身患重病',
  bedridden: '卧床、生活不能自理',
  other: '其他原因',
};

export const homeFilingStatuses = ['requested', 'scheduled', 'visited', 'cancelled'] as const;
export type HomeFilingStatus = (typeof homeFilingStatuses)[number];
export const homeFilingStatusLabels: Record<HomeFilingStatus, string> = {
  requested: '待安排',
  scheduled: '已约定上门日期',
  visited: '已上门办理',
  cancelled: '已取消',
};

const noteSchema = z.string().trim().max(200, { error: '说明最多 200 字' });

export const homeFilingBodySchema = z
  .strictObject({
    serviceCode: serviceCodeSchema.describe('the service to file at the visit'),
    reason: homeFilingReasonSchema,
    reasonNote: noteSchema.optional().describe('required when the reason is other'),
    address: z
      .string()
      .trim()
      .min(1, { error: '请填写上门地址' })
      .max(200, { error: '上门地址最多 200 字' })
      .describe('where to visit, to the door number; stored encrypted'),
    contactPhone: phoneSchema.optional().describe('whom staff call to arrange the date; stored encrypted'),
    onBehalfOf: z.number().int().positive().optional().describe('a linked veteran, when family asks for them'),
  })
  .refine((body) => body.reason !== 'other' || (body.reasonNote ?? '') !== '', {
    error: '选择“其他原因”时请说明原因',
    path: ['reasonNote'],
  });
export type HomeFilingBody = z.infer<typeof homeFilingBodySchema>;

export const homeFilingScheduleBodySchema = z.strictObject({
  visitDate: z.iso.date({ error: '请选择上门日期' }),
  note: noteSchema.optional().describe('told to the person with the date, e.g. 上午 9 点前后'),
});

export const homeFilingVisitBodySchema = z.strictObject({
  findings: z.string().trim().min(1, { error: '请填写上门情况' }).max(1000, { error: '上门情况最多 1000 字' }),
  requestId: z.number().int().positive().optional().describe('the request filed at the visit (channel home)'),
});

/** What the person who asked sees. */
export const myHomeFilingSchema = z
  .object({
    id: z.number().int(),
    serviceCode: serviceCodeSchema,
    serviceName: z.string(),
    reason: homeFilingReasonSchema,
    reasonLabel: z.string(),
    status: z.enum(homeFilingStatuses),
    statusLabel: z.string(),
    /** The veteran to visit, masked, when family asked for them. */
    forName: z.string().nullable(),
    visitDate: z.iso.date().nullable(),
    scheduleNote: z.string().nullable(),
    unitName: z.string(),
    unitPhone: z.string().nullable(),
    filedRequestId: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'MyHomeFiling' });
export type MyHomeFiling = z.infer<typeof myHomeFilingSchema>;

/** A row of the unit's 入户办理 queue: staff need the address and phone to go there. */
export const staffHomeFilingSchema = myHomeFilingSchema
  .omit({ forName: true })
  .extend({
    personUserId: z.number().int(),
    personName: z.string().describe('masked'),
    address: z.string(),
    contactPhone: z.string().nullable(),
    reasonNote: z.string().nullable(),
    askedByFamily: z.boolean(),
    visitedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'StaffHomeFiling' });
export type StaffHomeFiling = z.infer<typeof staffHomeFilingSchema>;

export type HomeFilingRefusal = { code: 'INVALID_TRANSITION' | 'VALIDATION_FAILED'; message: string; path?: string };

/** Whether staff may (re)schedule the visit for `visitDate` now: not in the past, not once visited or cancelled. */
export function homeFilingScheduleProblem(
  status: HomeFilingStatus,
  visitDate: string,
  today: string,
): HomeFilingRefusal | null {
  if (status === 'visited' || status === 'cancelled') {
    return { code: 'INVALID_TRANSITION', message: '该入户办理申请已办结，不能再安排' };
  }
  if (visitDate < today) {
    return { code: 'VALIDATION_FAILED', message: '上门日期不能早于今天', path: 'body.visitDate' };
  }
  return null;
}

/** Whether the visit may be recorded now: only a scheduled visit, on or after its date. */
export function homeFilingVisitProblem(
  status: HomeFilingStatus,
  visitDate: string | null,
  today: string,
): HomeFilingRefusal | null {
  if (status !== 'scheduled' || visitDate === null) {
    return { code: 'INVALID_TRANSITION', message: '请先约定上门日期' };
  }
  if (visitDate > today) return { code: 'INVALID_TRANSITION', message: '上门日期还没到，到访后再记录' };
  return null;
}
