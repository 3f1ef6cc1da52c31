import { z } from 'zod';
import { ratingLevelLabels, ratingLevels } from './request-workflow';
import { serviceCodeSchema } from './services';

/**
 * Around a service request: attachments 附件, the conversation 留言/回复 with canned replies 常用回复,
 * 好差评 with the supervisor follow-up 回访整改, hardship home visits 走访 and appeal meetings 约访.
 */

// ---------------------------------------------------------------------------------------------------------------
// Attachments

/** The largest file `POST /uploads` accepts (the app checks before uploading, the server refuses beyond it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The only kinds of file accepted, decided by the file's content, never its name. */
export const uploadMimeTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const uploadMimeTypeSchema = z.enum(uploadMimeTypes);
export type UploadMimeType = z.infer<typeof uploadMimeTypeSchema>;

/** The answer to `POST /uploads`: `id` is what a form field of kind `file` holds. */
export const uploadResultSchema = z
  .object({
    id: z.string().describe('附件标识（随机，URL 安全）'),
    fileName: z.string().describe('显示用文件名（已清理）'),
    mimeType: uploadMimeTypeSchema,
    size: z.number().int().min(1),
    width: z.number().int().positive().optional().describe('图片宽度（像素）'),
    height: z.number().int().positive().optional().describe('图片高度（像素）'),
  })
  .meta({ id: 'UploadResult' });
export type UploadResult = z.infer<typeof uploadResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Conversation

export const MAX_MESSAGE_LENGTH = 2000;

export const requestMessageBodySchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, { error: '请输入留言内容' })
    .max(MAX_MESSAGE_LENGTH, { error: `留言最多 ${MAX_MESSAGE_LENGTH} 字` }),
  /** A staff-only internal note 内部备注; citizens may not post one. */
  internal: z.boolean().optional(),
});
export type RequestMessageBody = z.infer<typeof requestMessageBodySchema>;

export const messageAuthorTypes = ['citizen', 'staff'] as const;

export const requestMessageSchema = z
  .object({
    id: z.number().int(),
    body: z.string(),
    /** Internal notes are only ever returned to staff. */
    internal: z.boolean(),
    author: z.object({
      type: z.enum(messageAuthorTypes),
      /** 您 / 工作人员 张三 / 申请人 — never another citizen's name. */
      label: z.string(),
      mine: z.boolean(),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'RequestMessage' });
export type RequestMessage = z.infer<typeof requestMessageSchema>;

export const cannedReplyBodySchema = z.strictObject({
  title: z.string().trim().min(1, { error: '请输入标题' }).max(100, { error: '标题最多 100 字' }),
  body: z
    .string()
    .trim()
    .min(1, { error: '请输入回复内容' })
    .max(MAX_MESSAGE_LENGTH, { error: `回复内容最多 ${MAX_MESSAGE_LENGTH} 字` }),
  /** Omitted: the caller's own unit. null: a district-wide reply (district-level staff only). */
  unitId: z.number().int().positive().nullable().optional(),
});
export type CannedReplyBody = z.infer<typeof cannedReplyBodySchema>;

export const cannedReplyPatchSchema = cannedReplyBodySchema
  .pick({ title: true, body: true })
  .partial()
  .refine((value) => value.title !== undefined || value.body !== undefined, { error: '没有要修改的内容' });

export const cannedReplySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable().describe('null：全区通用'),
    editable: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CannedReply' });
export type CannedReply = z.infer<typeof cannedReplySchema>;

// ---------------------------------------------------------------------------------------------------------------
// 好差评 and 回访整改

export const ratingLevelSchema = z.union(ratingLevels.map((level) => z.literal(level)));

export const ratingViewSchema = z
  .object({
    level: ratingLevelSchema,
    levelLabel: z.string(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    /** The caller gave it (only then is it 我的评价: see ratingTitle). */
    mine: z.boolean(),
  })
  .meta({ id: 'Rating' });
export type RatingView = z.infer<typeof ratingViewSchema>;

export const requestRatingSchema = z
  .object({
    rating: ratingViewSchema.nullable(),
    /** True when the caller may rate now: the applicant of a completed, not yet rated request. */
    canRate: z.boolean(),
  })
  .meta({ id: 'RequestRating' });
export type RequestRating = z.infer<typeof requestRatingSchema>;

export const followUpStatuses = ['open', 'closed'] as const;
export const followUpStatusSchema = z.enum(followUpStatuses);
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;
export const followUpStatusLabels: Record<FollowUpStatus, string> = { open: '待回访', closed: '已整改' };

export const followUpSchema = z
  .object({
    id: z.number().int(),
    requestId: z.number().int(),
    requestNumber: z.string().nullable(),
    serviceCode: serviceCodeSchema,
    serviceName: z.string(),
    unitId: z.number().int(),
    unitName: z.string(),
    level: ratingLevelSchema,
    levelLabel: z.string(),
    comment: z.string().nullable(),
    status: followUpStatusSchema,
    note: z.string().nullable(),
    closedByName: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    /** The caller is a supervisor (or an admin) whose scope includes the unit. */
    canClose: z.boolean(),
  })
  .meta({ id: 'RatingFollowUp' });
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpCloseBodySchema = z.strictObject({
  note: z.string().trim().max(2000, { error: '整改说明最多 2000 字' }).optional(),
});

export function ratingLevelLabel(level: number): string {
  return ratingLevelLabels[level as keyof typeof ratingLevelLabels] ?? String(level);
}

// ---------------------------------------------------------------------------------------------------------------
// 走访 and 约访

export const homeVisitBodySchema = z.strictObject({
  visitDate: z.iso.date({ error: '请选择走访日期（YYYY-MM-DD）' }),
  findings: z.string().trim().min(1, { error: '请填写走访情况' }).max(4000, { error: '走访情况最多 4000 字' }),
});
export type HomeVisitBody = z.infer<typeof homeVisitBodySchema>;

export const homeVisitSchema = z
  .object({
    id: z.number().int(),
    visitDate: z.string(),
    findings: z.string(),
    staffId: z.number().int(),
    staffName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'HomeVisit' });
export type HomeVisit = z.infer<typeof homeVisitSchema>;

export const appealMeetingBodySchema = z.strictObject({
  scheduledAt: z.iso.datetime({ offset: true, error: '请填写带时区的约访时间，如 2026-11-26T09:30:00+08:00' }),
  place: z.string().trim().min(1, { error: '请填写约访地点' }).max(200, { error: '地点最多 200 字' }),
  /** Shown to the applicant (what to bring, whom to ask for). */
  note: z.string().trim().max(1000, { error: '说明最多 1000 字' }).optional(),
});
export type AppealMeetingBody = z.infer<typeof appealMeetingBodySchema>;

export const appealMeetingSchema = z
  .object({
    id: z.number().int(),
    scheduledAt: z.string(),
    /** 北京时间, e.g. 2026年11月26日 09:30 */
    scheduledAtText: z.string(),
    place: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AppealMeeting' });
export type AppealMeeting = z.infer<typeof appealMeetingSchema>;

/** Beijing wall-clock text of an instant: `2026年11月26日 09:30`. */
export function beijingDateTimeText(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 60 * 60 * 1000);
  const time = shifted.toISOString().slice(11, 16);
  return `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日 ${time}`;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// App pages named in notifications

export const requestDetailPage = (requestId: number) => `/subpackages/requests/detail/index?id=${requestId}`;
export const staffRequestDetailPage = (requestId: number) => `/subpackages/staff/request/index?id=${requestId}`;
export const staffFollowUpsPage = '/subpackages/staff/follow-ups/index';
