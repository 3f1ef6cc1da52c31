import { z } from 'zod';
import { pageQuerySchema } from './pagination';
import { uploadResultSchema } from './request-extras';
import { requestChannelSchema, requestRelations } from './request-relation';
import {
  finalRequestStatuses,
  type RequestStatus,
  requestActionSchema,
  requestActions,
  requestStatusSchema,
  staffRequestActions,
} from './request-workflow';
import { type OrgLevel, type ServiceCode, serviceCodeSchema } from './services';

/** The API of service requests 办件: what the applicant and the staff send and get back. */

const id = z.number().int().positive();
const isoInstant = z.string().describe('ISO 8601 instant (UTC)');
const calendarDate = z.string().describe('Beijing calendar date YYYY-MM-DD');

/** Days a draft is kept before it expires. */
export const DRAFT_LIFETIME_DAYS = 60;

/**
 * 优待证 as the authorities issue it: the station accepts → the county/district bureau reviews → the city and the
 * province file it → the ministry and the chosen bank make the card → the district centre signs for it → the
 * station hands it out. `production` keeps its old code (requests staged before the chain still read right).
 */
export const cardStages = [
  'station_accepted',
  'county_review',
  'provincial_filing',
  'production',
  'district_received',
  'ready_for_pickup',
  'picked_up',
] as const;
export const cardStageSchema = z.enum(cardStages);
export type CardStage = z.infer<typeof cardStageSchema>;
export const cardStageLabels: Record<CardStage, string> = {
  station_accepted: '服务站受理',
  county_review: '县（区）审核',
  provincial_filing: '市、省备案',
  production: '部里和银行制卡',
  district_received: '区服务中心签收',
  ready_for_pickup: '待领取',
  picked_up: '已领取',
};
/** Who holds the card's file at each stage; the bank is the one the applicant chose. */
export function cardStageHolder(stage: CardStage, facts: { bank: string | null; station: string | null }): string {
  switch (stage) {
    case 'station_accepted':
      return facts.station ?? '街道（乡镇）、社区（村）退役军人服务站';
    case 'county_review':
      return '县（区）退役军人事务局';
    case 'provincial_filing':
      return '市、省退役军人事务部门';
    case 'production':
      return `退役军人事务部、${facts.bank ?? '合作银行'}`;
    case 'district_received':
      return '区退役军人服务中心';
    case 'ready_for_pickup':
      return facts.station ?? '服务站';
    case 'picked_up':
      return '本人';
  }
}

/** The station that hands the card out, as the applicant is told: where and when to come. */
export const cardPickupSchema = z
  .object({
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    openingHours: z.string().nullable(),
  })
  .meta({ id: 'CardPickup' });
export type CardPickup = z.infer<typeof cardPickupSchema>;

export const cardProgressSchema = z
  .object({
    steps: z.array(
      z.object({
        stage: cardStageSchema,
        label: z.string(),
        holder: z.string().describe('who holds the file at this stage'),
        state: z.enum(['done', 'current', 'upcoming']),
      }),
    ),
    pickup: cardPickupSchema.nullable().describe('set once the card is ready at a station'),
  })
  .meta({ id: 'CardProgress' });
export type CardProgress = z.infer<typeof cardProgressSchema>;

/**
 * The whole chain with where the card is now: stages before the current one are done, the current one is where
 * the file lies (done too once the card is picked up), the rest are still to come.
 */
export function cardProgressOf(
  current: CardStage | null,
  facts: { bank: string | null; station: string | null; pickup: CardPickup | null },
): CardProgress {
  const at = current === null ? -1 : cardStages.indexOf(current);
  const steps = cardStages.map((stage, index) => ({
    stage,
    label: cardStageLabels[stage],
    holder: cardStageHolder(stage, {
      bank: facts.bank,
      station: stage === 'ready_for_pickup' ? (facts.pickup?.name ?? null) : facts.station,
    }),
    state:
      index < at || (index === at && stage === 'picked_up')
        ? ('done' as const)
        : index === at
          ? ('current' as const)
          : ('upcoming' as const),
  }));
  return { steps, pickup: facts.pickup };
}

/** Services whose requests go through the card stages. */
export const stagedServices: readonly ServiceCode[] = ['preferential-card'];
/** The chain starts when the station accepts the application, and may be finished after the request is closed. */
export const cardStageStatuses: readonly RequestStatus[] = ['accepted', 'processing', 'completed'];

/**
 * The stages a request may move to now: forward only — a stage may be recorded late, skipping the ones the file
 * passed unheard of — and 已领取 only after 待领取, so the applicant was told where to collect the card.
 */
export function nextCardStages(serviceCode: ServiceCode, status: RequestStatus, stage: CardStage | null): CardStage[] {
  if (!stagedServices.includes(serviceCode) || !cardStageStatuses.includes(status)) return [];
  const from = stage === null ? -1 : cardStages.indexOf(stage);
  return cardStages.filter((next, index) => index > from && (next !== 'picked_up' || stage === 'ready_for_pickup'));
}

/** `Idempotency-Key` header of a submit: any printable ASCII, 1–128 characters (a UUID is typical). */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, { error: 'Idempotency-Key 只能包含可见 ASCII 字符' });

/** Form answers; each service's own schema (draftSchema / submissionSchema) checks them on the server. */
export const formDataSchema = z.record(z.string(), z.unknown());

const reasonSchema = z.string().trim().max(500, { error: '原因最多 500 字' });
const pickupUnitIdSchema = id.describe(
  'ready_for_pickup: the station (street or community unit) that hands the card out',
);

export const createRequestBodySchema = z.strictObject({
  serviceCode: serviceCodeSchema,
  formData: formDataSchema.optional(),
  /** A linked veteran's user id when a family member files for them. */
  onBehalfOf: id.optional(),
  /** Submit at once instead of saving a draft. */
  submit: z.boolean().optional(),
});
export type CreateRequestBody = z.infer<typeof createRequestBodySchema>;

export const updateRequestBodySchema = z.strictObject({
  /** Merged into the saved answers: a field set to `null` is cleared. */
  formData: z.record(z.string(), z.unknown()),
  /** Replace all saved answers instead of merging. */
  replace: z.boolean().optional(),
});
export type UpdateRequestBody = z.infer<typeof updateRequestBodySchema>;

export const withdrawRequestBodySchema = z.strictObject({ reason: reasonSchema.optional() });

export const transitionRequestBodySchema = z.strictObject({
  action: requestActionSchema.describe(
    `staff actions: ${staffRequestActions.join(', ')}; others are refused with FORBIDDEN`,
  ),
  reason: reasonSchema.optional().describe('required to reject or to ask for a supplement'),
  supplementFields: z
    .array(z.string().min(1).max(64))
    .max(40)
    .optional()
    .describe('request_supplement only: the names of the form fields or materials to correct (see serviceForms)'),
  resolutionNote: z.string().trim().max(2000, { error: '处理结果最多 2000 字' }).optional(),
  stage: cardStageSchema.optional().describe('优待证: also set the card stage'),
  pickupUnitId: pickupUnitIdSchema.optional(),
});
export type TransitionRequestBody = z.infer<typeof transitionRequestBodySchema>;

export const stageRequestBodySchema = z.strictObject({
  stage: cardStageSchema,
  pickupUnitId: pickupUnitIdSchema.optional(),
});
export type StageRequestBody = z.infer<typeof stageRequestBodySchema>;

export const assignRequestBodySchema = z.strictObject({
  staffId: id.nullable().describe('null removes the assignee'),
});

export const myRequestsQuerySchema = pageQuerySchema.extend({ status: requestStatusSchema.optional() });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const staffQueueQuerySchema = pageQuerySchema.extend({
  status: requestStatusSchema.exclude(['draft']).optional(),
  serviceCode: serviceCodeSchema.optional(),
  overdue: booleanQuery.optional(),
  assignee: z
    .string()
    .regex(/^(me|none|[1-9]\d{0,15})$/, { error: 'assignee 应为 me、none 或工作人员编号' })
    .optional(),
  streetUnitId: z.coerce.number().int().positive().optional().describe('this unit and the units below it'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('request number (whole or beginning) or the exact full name of the applicant or veteran'),
});
export type StaffQueueQuery = z.infer<typeof staffQueueQuerySchema>;

export const staffRequestDetailQuerySchema = z.object({
  reveal: z.literal('sensitive').optional().describe('show sensitive answers in full (audited)'),
});

const unitRefSchema = z.object({ id, name: z.string() });

export const timelineEventSchema = z
  .object({
    id,
    at: isoInstant,
    actorType: z.enum(['citizen', 'staff', 'system']),
    actorLabel: z.string().describe('您 / 申请人 / 工作人员 …'),
    action: z.string(),
    actionLabel: z.string(),
    fromStatus: requestStatusSchema.nullable(),
    toStatus: requestStatusSchema.nullable(),
    comment: z.string().nullable(),
    /** On a 补正 request: the form fields or materials staff named (their names in serviceForms), else empty. */
    fields: z.array(z.string()),
  })
  .meta({ id: 'RequestTimelineEvent' });
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const requestSummarySchema = z
  .object({
    id,
    number: z.string().nullable().describe('assigned on first submit, e.g. WD20261126-0007'),
    serviceCode: serviceCodeSchema,
    serviceName: z.string(),
    status: requestStatusSchema,
    statusLabel: z.string(),
    stage: cardStageSchema.nullable(),
    stageLabel: z.string().nullable(),
    dueDate: calendarDate.nullable(),
    overdue: z.boolean(),
    submittedAt: isoInstant.nullable(),
    updatedAt: isoInstant,
    draftExpiresAt: isoInstant.nullable(),
    /** The caller filed it (and may edit, submit, withdraw). */
    mine: z.boolean(),
    /** Filed by family for a veteran: the veteran, name masked. */
    onBehalfOf: z.object({ userId: id, name: z.string() }).nullable(),
    relation: z
      .enum(requestRelations)
      .describe('how the request stands to the caller; shown as requestRelationText (request-relation.ts)'),
    /** Who filed it, name masked; null when the caller did. */
    applicant: z.object({ userId: id, name: z.string() }).nullable(),
    channel: requestChannelSchema.describe('online, or filed by staff at the counter, on the phone, on a visit'),
  })
  .meta({ id: 'RequestSummary' });
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestDetailSchema = requestSummarySchema
  .extend({
    formData: formDataSchema.describe("the applicant's answers (sensitive ones included: it is their own data)"),
    attachments: z.array(uploadResultSchema).describe('the files the answers name'),
    unit: unitRefSchema.nullable(),
    promisedWorkingDays: z.number().int(),
    pickupPlace: z.string().nullable(),
    cardProgress: cardProgressSchema.nullable().describe('优待证: the issuing chain and where the card is'),
    resolutionNote: z.string().nullable(),
    completedAt: isoInstant.nullable(),
    editable: z.boolean(),
    availableActions: z.array(requestActionSchema),
    nextStep: z.string(),
    timeline: z.array(timelineEventSchema),
  })
  .meta({ id: 'RequestDetail' });
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const staffQueueItemSchema = z
  .object({
    id,
    number: z.string().nullable(),
    serviceCode: serviceCodeSchema,
    serviceName: z.string(),
    status: requestStatusSchema,
    statusLabel: z.string(),
    stage: cardStageSchema.nullable(),
    stageLabel: z.string().nullable(),
    dueDate: calendarDate.nullable(),
    overdue: z.boolean(),
    submittedAt: isoInstant.nullable(),
    updatedAt: isoInstant,
    applicantName: z.string().describe('masked'),
    subjectName: z.string().describe('masked'),
    onBehalf: z.boolean().describe('filed by family for the veteran'),
    unit: unitRefSchema,
    assignee: z.object({ id, displayName: z.string() }).nullable(),
  })
  .meta({ id: 'StaffQueueItem' });
export type StaffQueueItem = z.infer<typeof staffQueueItemSchema>;

export const staffRequestDetailSchema = staffQueueItemSchema
  .extend({
    formData: formDataSchema.describe('sensitive answers left out unless revealed'),
    attachments: z.array(uploadResultSchema).describe('the files the shown answers name'),
    hiddenSensitiveFields: z.array(z.string()).describe('sensitive fields with an answer, left out of formData'),
    sensitiveRevealed: z.boolean(),
    promisedWorkingDays: z.number().int(),
    pickupPlace: z.string().nullable(),
    cardProgress: cardProgressSchema.nullable(),
    resolutionNote: z.string().nullable(),
    completedAt: isoInstant.nullable(),
    availableActions: z.array(requestActionSchema),
    nextStep: z.string(),
    timeline: z.array(timelineEventSchema),
  })
  .meta({ id: 'StaffRequestDetail' });
export type StaffRequestDetail = z.infer<typeof staffRequestDetailSchema>;

/** Timeline labels of the entries that are not workflow actions. Unknown actions read 办理记录. */
const extraEventLabels: Record<string, string> = {
  create: '创建申请',
  stage: '优待证进度',
  assign: '指派承办人',
  home_visit: '入户走访',
  meeting_scheduled: '预约面谈',
  reply: '回复留言',
  rated: '评价',
  follow_up_closed: '回访整改',
};

export function requestEventLabel(action: string): string {
  if (Object.hasOwn(requestActions, action)) return requestActions[action as keyof typeof requestActions].label;
  return extraEventLabels[action] ?? '办理记录';
}

/** Past its due date and not finished (drafts have no due date). */
export function isRequestOverdue(status: RequestStatus, dueDate: string | null, today: string): boolean {
  return dueDate !== null && dueDate < today && status !== 'draft' && !finalRequestStatuses.includes(status);
}

/** `2026-12-15` → `2026年12月15日` */
export function formatChineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

const unitKinds: Record<OrgLevel, string> = {
  district: '区退役军人服务中心',
  street: '街道服务站',
  community: '社区服务站',
};

export interface NextStepInput {
  status: RequestStatus;
  serviceCode: ServiceCode;
  /** Beijing date of today, to say whether the due date has passed. */
  today: string;
  dueDate: string | null;
  unitLevel?: OrgLevel | null;
  stage?: CardStage | null;
  pickupPlace?: string | null;
  /** Beijing date on which a draft expires. */
  draftExpiresOn?: string | null;
  /** The staff's reason of the latest supplement request or rejection. */
  reason?: string | null;
}

/** What happens next and by when, in one sentence the applicant reads under the status. */
export function nextStepText(input: NextStepInput): string {
  const unit = input.unitLevel ? unitKinds[input.unitLevel] : '服务站';
  const overdue = isRequestOverdue(input.status, input.dueDate, input.today);
  const by = input.dueDate
    ? overdue
      ? `，已超过承诺办结时间（${formatChineseDate(input.dueDate)}），工作人员正在加紧办理`
      : `，预计 ${formatChineseDate(input.dueDate)} 前办结`
    : '';
  const reason = input.reason?.trim() ? `（${input.reason.trim()}）` : '';
  switch (input.status) {
    case 'draft':
      return input.draftExpiresOn
        ? `草稿尚未提交，请在 ${formatChineseDate(input.draftExpiresOn)} 前完成填写并提交，逾期草稿将失效`
        : '草稿尚未提交，请完成填写并提交';
    case 'submitted':
      return `已提交，等待${unit}受理${by}`;
    case 'accepted':
      return `${unit}已受理，即将开始办理${by}`;
    case 'processing':
      if (input.stage === 'ready_for_pickup') {
        return `优待证已制作完成，请携带身份证到${input.pickupPlace ?? '服务站'}领取`;
      }
      if (input.stage === 'picked_up') return '优待证已领取';
      if (input.stage) return `优待证办理中：${cardStageLabels[input.stage]}，制作完成后将通知您领取`;
      return `正在办理${by}`;
    case 'needs_supplement':
      return `需要补正材料${reason}，请按要求修改后重新提交`;
    case 'completed':
      if (input.stage === 'ready_for_pickup') {
        return `已办结，优待证已制作完成，请携带身份证到${input.pickupPlace ?? '服务站'}领取`;
      }
      return '已办结，欢迎对本次服务进行评价';
    case 'rejected':
      return `不予受理${reason}，如有疑问可联系${unit}`;
    case 'withdrawn':
      return '已撤回，如有需要可重新申请';
  }
}
