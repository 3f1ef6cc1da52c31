import { z } from 'zod';
import { idNumberSchema } from './id-number';
import { personNameSchema } from './identity';

/** Topics of a free legal consultation 法律咨询. */
export const legalTopics = [
  'marriage-family',
  'labour',
  'resettlement',
  'social-security',
  'housing',
  'contract',
  'other',
] as const;
export const legalTopicSchema = z.enum(legalTopics);
export type LegalTopic = z.infer<typeof legalTopicSchema>;
export const legalTopicLabels: Record<LegalTopic, string> = {
  'marriage-family': '婚姻家庭',
  labour: '劳动就业',
  resettlement: '安置待遇',
  'social-security': '社会保障',
  housing: '房产',
  contract: '合同',
  other: '其他',
};

export const bookingStatuses = ['booked', 'cancelled', 'cancelled_by_centre', 'checked_in', 'no_show'] as const;
export const bookingStatusSchema = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;
export const bookingStatusLabels: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  cancelled_by_centre: '中心已取消',
  checked_in: '已签到',
  no_show: '未到场',
};

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM' });

/** An admin's schedule rule: when and where the lawyer is on duty, and how booking works. */
export const scheduleRuleInputSchema = z
  .strictObject({
    place: z.string().trim().min(1, { error: '请填写地点' }).max(200),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { error: '请至少选择一天' })
      .max(7)
      .describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
    startTime: clockTime,
    endTime: clockTime,
    slotMinutes: z.number().int().min(10).max(240),
    capacity: z.number().int().min(1, { error: '每个时段至少 1 个名额' }).max(50),
    weeksAhead: z.number().int().min(1).max(12),
    bookingCutoffDaysBefore: z.number().int().min(0).max(14),
    bookingCutoffTime: clockTime,
    cancelCutoffDaysBefore: z.number().int().min(0).max(14),
    cancelCutoffTime: clockTime,
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable().optional(),
  })
  .refine((rule) => rule.startTime < rule.endTime, { error: '结束时间须晚于开始时间', path: ['endTime'] });
export type ScheduleRuleInput = z.infer<typeof scheduleRuleInputSchema>;

export const closureInputSchema = z
  .strictObject({
    date: z.iso.date(),
    startTime: clockTime.optional(),
    endTime: clockTime.optional(),
    reason: z.string().trim().min(1, { error: '请填写停诊原因' }).max(200),
  })
  .refine((closure) => (closure.startTime === undefined) === (closure.endTime === undefined), {
    error: '停诊时段需同时填写开始和结束时间',
    path: ['endTime'],
  });
export type ClosureInput = z.infer<typeof closureInputSchema>;

/** What the person asks about, in their words (stored encrypted). */
export const bookingDescriptionSchema = z
  .string()
  .trim()
  .min(1, { error: '请简要描述咨询的问题' })
  .max(500, { error: '最多 500 字' });

/**
 * How a booking was made: in the app, or by staff for someone at the counter or on the phone (a walk-in on the
 * day is a counter booking too).
 */
export const legalBookingChannels = ['online', 'counter', 'phone'] as const;
export type LegalBookingChannel = (typeof legalBookingChannels)[number];
export const staffLegalBookingChannelSchema = z.enum(['counter', 'phone'], {
  error: '请选择预约方式（窗口或电话）',
});
export type StaffLegalBookingChannel = z.infer<typeof staffLegalBookingChannelSchema>;
export const staffLegalBookingNames: Record<StaffLegalBookingChannel, string> = {
  counter: '窗口预约',
  phone: '电话预约',
};

/**
 * The line a booking made by staff carries: staff see who made it, the person is told staff made it for them.
 * Null for a booking made in the app.
 */
interface BookingMadeBy<Channel extends LegalBookingChannel> {
  channel: Channel;
  walkIn: boolean;
  staffName: string | null;
}
export function staffBookingNote(booking: BookingMadeBy<StaffLegalBookingChannel>, viewer: 'staff' | 'citizen'): string;
export function staffBookingNote(
  booking: BookingMadeBy<LegalBookingChannel>,
  viewer: 'staff' | 'citizen',
): string | null;
export function staffBookingNote(
  booking: BookingMadeBy<LegalBookingChannel>,
  viewer: 'staff' | 'citizen',
): string | null {
  if (booking.channel === 'online') return null;
  const name = booking.walkIn ? '现场登记' : staffLegalBookingNames[booking.channel];
  if (viewer === 'citizen') return `${name}（工作人员为您预约）`;
  return booking.staffName ? `${name}（经办人 ${booking.staffName}）` : name;
}

export const bookingBodySchema = z.strictObject({
  slotId: z.number().int().positive(),
  topic: legalTopicSchema,
  description: bookingDescriptionSchema,
  onBehalfOf: z.number().int().positive().optional(),
  /** Join the waitlist when the slot is full instead of failing with SLOT_FULL. */
  waitlist: z.boolean().optional(),
});
export type BookingBody = z.infer<typeof bookingBodySchema>;

export const consultationRecordBodySchema = z.strictObject({
  category: legalTopicSchema,
  summary: z.string().trim().min(1, { error: '请填写咨询摘要' }).max(2000),
  advice: z.string().trim().min(1, { error: '请填写给出的建议' }).max(2000),
  legalAidAdvised: z.boolean(),
  followUpAdvised: z.boolean(),
  /**
   * Also file a follow-up service request 办件 for the person consulted (submitted at once, routed like any
   * request): 诉求反映 (appeal) when legal aid is advised, otherwise 政策咨询 (policy-question).
   */
  createFollowUpRequest: z.boolean().optional(),
  /** What the follow-up request says (stored as the request's text, not encrypted): the lawyer's words for staff. */
  followUpNote: z.string().trim().max(1000, { error: '最多 1000 字' }).optional(),
});
export type ConsultationRecordBody = z.infer<typeof consultationRecordBodySchema>;

/* ------------------------------------------------------------------------------------------------------------ *
 * API shapes of the legal consultation booking 法律咨询预约. Every instant is an ISO string with the Beijing
 * offset (`2026-03-03T09:00:00+08:00`); `date` (YYYY-MM-DD) and `time` (HH:MM) are Beijing wall-clock.
 * ------------------------------------------------------------------------------------------------------------ */

export const legalDateSchema = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

/** `GET /legal/slots` shows 4 weeks unless asked otherwise, and at most 8 weeks at once. */
export const LEGAL_SLOTS_DEFAULT_DAYS = 28;
export const LEGAL_SLOTS_MAX_DAYS = 56;

export const legalSlotsQuerySchema = z.object({
  from: legalDateSchema.optional().describe('起始日期（北京时间），默认今天'),
  to: legalDateSchema.optional().describe('截止日期（含），默认起始日期后 4 周；最多 8 周'),
});
export type LegalSlotsQuery = z.infer<typeof legalSlotsQuerySchema>;

/** A slot as every list shows it. */
export const legalSlotRefSchema = z.object({
  id: z.number().int(),
  date: z.string().describe('北京日期 YYYY-MM-DD'),
  time: z.string().describe('开始时间 HH:MM（北京时间）'),
  endTime: z.string().describe('结束时间 HH:MM（北京时间）'),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  closedReason: z.string().nullable().describe('停诊原因（节假日名称或管理员填写的原因）；为空表示正常开放'),
});
export type LegalSlotRef = z.infer<typeof legalSlotRefSchema>;

export const legalSlotSchema = legalSlotRefSchema
  .extend({
    capacity: z.number().int(),
    remaining: z.number().int().min(0).describe('剩余名额'),
    closed: z.boolean(),
    bookable: z.boolean().describe('现在可以预约（未停诊、未过预约截止时间）；约满时可加入候补'),
    waitlistAvailable: z.boolean().describe('已约满但可加入候补'),
    bookingClosesAt: z.string().describe('预约截止时间'),
    cancelClosesAt: z.string().describe('取消截止时间'),
  })
  .meta({ id: 'LegalSlot' });
export type LegalSlot = z.infer<typeof legalSlotSchema>;

export const legalClosedDaySchema = z.object({ date: z.string(), reason: z.string() });
export type LegalClosedDay = z.infer<typeof legalClosedDaySchema>;

export const legalSlotListSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    slots: z.array(legalSlotSchema),
    closedDays: z.array(legalClosedDaySchema).describe('按排班本应开放、但因节假日或停诊整天不开放的日期'),
  })
  .meta({ id: 'LegalSlotList' });
export type LegalSlotList = z.infer<typeof legalSlotListSchema>;

export const waitlistStatuses = ['waiting', 'promoted', 'skipped', 'cancelled', 'closed'] as const;
export const waitlistStatusSchema = z.enum(waitlistStatuses);
export type WaitlistStatus = z.infer<typeof waitlistStatusSchema>;
export const waitlistStatusLabels: Record<WaitlistStatus, string> = {
  waiting: '候补中',
  promoted: '已递补成功',
  skipped: '未能递补',
  cancelled: '已退出候补',
  closed: '候补已截止',
};

export const legalBookingSchema = z
  .object({
    id: z.number().int(),
    status: bookingStatusSchema,
    statusLabel: z.string(),
    topic: legalTopicSchema,
    topicLabel: z.string(),
    description: z.string(),
    walkIn: z.boolean(),
    staffNote: z.string().nullable().describe('工作人员代为预约时的说明，如“电话预约（工作人员为您预约）”'),
    forSelf: z.boolean().describe('为本人预约（否则为关联的退役军人预约）'),
    bookedByMe: z.boolean(),
    subjectUserId: z.number().int(),
    subjectName: z.string().describe('咨询人姓名（脱敏）'),
    slot: legalSlotRefSchema,
    cancellable: z.boolean(),
    cancelClosesAt: z.string(),
    hasRecord: z.boolean().describe('律师已记录咨询结果'),
    createdAt: z.string(),
  })
  .meta({ id: 'LegalBooking' });
export type LegalBooking = z.infer<typeof legalBookingSchema>;

export const legalWaitlistEntrySchema = z
  .object({
    id: z.number().int(),
    status: waitlistStatusSchema,
    statusLabel: z.string(),
    position: z.number().int().nullable().describe('候补中时的排位（1 为第一位）'),
    topic: legalTopicSchema,
    topicLabel: z.string(),
    forSelf: z.boolean(),
    subjectUserId: z.number().int(),
    subjectName: z.string(),
    slot: legalSlotRefSchema,
    bookingId: z.number().int().nullable().describe('递补成功后的预约'),
    createdAt: z.string(),
  })
  .meta({ id: 'LegalWaitlistEntry' });
export type LegalWaitlistEntry = z.infer<typeof legalWaitlistEntrySchema>;

export const myLegalBookingsSchema = z
  .object({ bookings: z.array(legalBookingSchema), waitlist: z.array(legalWaitlistEntrySchema) })
  .meta({ id: 'MyLegalBookings' });
export type MyLegalBookings = z.infer<typeof myLegalBookingsSchema>;

/** `POST /legal/bookings` with `waitlist: true` on a full slot answers 202 with this. */
export const legalWaitlistedSchema = z
  .object({
    waitlisted: z.literal(true),
    waitlistId: z.number().int(),
    position: z.number().int().min(1),
    slot: legalSlotRefSchema,
  })
  .meta({ id: 'LegalWaitlisted' });
export type LegalWaitlisted = z.infer<typeof legalWaitlistedSchema>;

/* Centre: the day's list, check-in, no-show, walk-ins */

export const legalDayQuerySchema = z.object({ date: legalDateSchema });

export const legalDayBookingSchema = z.object({
  id: z.number().int(),
  name: z.string().describe('咨询人姓名（脱敏）'),
  bookedByFamily: z.boolean().describe('由家属代为预约'),
  topic: legalTopicSchema,
  topicLabel: z.string(),
  description: z.string(),
  status: bookingStatusSchema,
  statusLabel: z.string(),
  walkIn: z.boolean(),
  staffNote: z.string().nullable().describe('工作人员代为预约的方式和经办人，如“电话预约（经办人 王芳）”'),
  checkedInAt: z.string().nullable(),
  recordId: z.number().int().nullable(),
});
export type LegalDayBooking = z.infer<typeof legalDayBookingSchema>;

export const legalDaySlotSchema = legalSlotRefSchema.extend({
  capacity: z.number().int(),
  booked: z.number().int(),
  remaining: z.number().int().min(0),
  waiting: z.number().int().min(0).describe('候补人数'),
  bookings: z.array(legalDayBookingSchema),
});
export type LegalDaySlot = z.infer<typeof legalDaySlotSchema>;

export const legalDaySchema = z
  .object({
    date: z.string(),
    closedReason: z.string().nullable().describe('节假日名称（如有）'),
    slots: z.array(legalDaySlotSchema),
  })
  .meta({ id: 'LegalDay' });
export type LegalDay = z.infer<typeof legalDaySchema>;

/** A walk-in 现场登记: a registered user, by account id or by name + ID number; only into free places. */
export const walkInBodySchema = z
  .strictObject({
    slotId: z.number().int().positive(),
    userId: z.number().int().positive().optional(),
    name: personNameSchema.optional(),
    idNumber: idNumberSchema.optional(),
    topic: legalTopicSchema,
    description: bookingDescriptionSchema,
  })
  .refine(
    (body) =>
      body.userId !== undefined
        ? body.name === undefined && body.idNumber === undefined
        : body.name !== undefined && body.idNumber !== undefined,
    { error: '请选择已注册用户，或填写姓名和身份证号码', path: ['userId'] },
  );
export type WalkInBody = z.infer<typeof walkInBodySchema>;

/* The lawyer's record */

export const legalRecordSchema = z
  .object({
    id: z.number().int(),
    bookingId: z.number().int(),
    slot: legalSlotRefSchema,
    personName: z.string().describe('咨询人姓名（脱敏）'),
    category: legalTopicSchema,
    categoryLabel: z.string(),
    summary: z.string().nullable().describe('咨询摘要（敏感）：工作人员需 reveal=1 查看并留痕'),
    advice: z.string().nullable(),
    revealed: z.boolean(),
    legalAidAdvised: z.boolean(),
    followUpAdvised: z.boolean(),
    followUpRequest: z.object({ id: z.number().int(), number: z.string().nullable() }).nullable(),
    lawyerName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LegalRecord' });
export type LegalRecord = z.infer<typeof legalRecordSchema>;

const flagQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export const legalRecordListQuerySchema = z.object({
  date: legalDateSchema.optional().describe('咨询日期；不填为最近的记录'),
  lawyer: z.enum(['me']).optional().describe('me：只看本人记录（律师总是只看本人的）'),
  reveal: flagQuery.optional().describe('工作人员查看摘要和建议全文（留痕）'),
});
export type LegalRecordListQuery = z.infer<typeof legalRecordListQuerySchema>;

/* Administration: schedule rules, closures, and bookings affected by changes */

export const scheduleRuleSchema = z
  .object({
    id: z.number().int(),
    place: z.string(),
    weekdays: z.array(z.number().int()),
    startTime: z.string(),
    endTime: z.string(),
    slotMinutes: z.number().int(),
    capacity: z.number().int(),
    weeksAhead: z.number().int(),
    bookingCutoffDaysBefore: z.number().int(),
    bookingCutoffTime: z.string(),
    cancelCutoffDaysBefore: z.number().int(),
    cancelCutoffTime: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LegalScheduleRule' });
export type ScheduleRule = z.infer<typeof scheduleRuleSchema>;

/** What a schedule change did to the slots already published. */
export const scheduleEffectSchema = z.object({
  slotsCreated: z.number().int().min(0),
  slotsClosed: z.number().int().min(0),
  slotsReopened: z.number().int().min(0),
  affectedBookings: z.number().int().min(0).describe('受影响、已列入待处理清单并已通知的预约数'),
});
export type ScheduleEffect = z.infer<typeof scheduleEffectSchema>;

export const scheduleRuleResultSchema = z.object({ rule: scheduleRuleSchema, effect: scheduleEffectSchema });

export const legalClosureSchema = z
  .object({
    id: z.number().int(),
    date: z.string(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LegalClosure' });
export type LegalClosure = z.infer<typeof legalClosureSchema>;

export const legalClosureResultSchema = z.object({ closure: legalClosureSchema, effect: scheduleEffectSchema });

export const legalClosureListQuerySchema = z.object({
  from: legalDateSchema.optional().describe('默认今天'),
});

export const legalImpactSchema = z
  .object({
    id: z.number().int(),
    reason: z.string(),
    createdAt: z.string(),
    handledAt: z.string().nullable(),
    booking: z.object({
      id: z.number().int(),
      status: bookingStatusSchema,
      statusLabel: z.string(),
      topic: legalTopicSchema,
      topicLabel: z.string(),
      name: z.string().describe('咨询人姓名（脱敏）'),
    }),
    slot: legalSlotRefSchema,
  })
  .meta({ id: 'LegalImpact' });
export type LegalImpact = z.infer<typeof legalImpactSchema>;

export const legalImpactListQuerySchema = z.object({
  include: z.enum(['open', 'all']).default('open').describe('open：待处理；all：含已处理'),
});

export const centreCancelBodySchema = z.strictObject({
  reason: z.string().trim().min(1, { error: '请填写取消原因' }).max(200),
});

/** Mini-program pages that legal-consultation notifications link to. */
export const legalMyBookingsPage = '/subpackages/legal/mine/index';
export const legalRecordsPage = '/subpackages/legal/records/index';
