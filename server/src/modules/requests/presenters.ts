import {
  availableActions,
  type CardPickup,
  type CardProgress,
  type CardStage,
  cardProgressOf,
  cardStageLabels,
  cardStages,
  isRequestOverdue,
  nextStepText,
  type RequestAction,
  type RequestDetail,
  type RequestSummary,
  requestEventLabel,
  requestRelationOf,
  requestStatusLabels,
  type StaffQueueItem,
  type StaffRequestDetail,
  stagedServices,
  type TimelineEvent,
  type UploadResult,
} from '@veterans/shared';
import type { FieldCipher } from '../../lib/field-cipher';
import { beijingDate } from '../calendar/working-days';
import { maskedNameOf } from '../me/names';
import type { RequestRow } from './access';
import { isInternalEvent } from './events';
import { type FormAnswers, promisedDaysOf, serviceNameOf } from './form-data';
import type { StaffQueueRow, TimelineRow, UnitInfo } from './queries';

type Decrypt = Pick<FieldCipher, 'decrypt'>;

export function asStage(value: string | null): CardStage | null {
  return value !== null && (cardStages as readonly string[]).includes(value) ? (value as CardStage) : null;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** What a list item shows of a request: the list reads only these columns (queries.ts `summaryColumns`). */
export type SummaryRow = Pick<
  RequestRow,
  | 'id'
  | 'number'
  | 'serviceCode'
  | 'status'
  | 'stage'
  | 'dueDate'
  | 'submittedAt'
  | 'updatedAt'
  | 'draftExpiresAt'
  | 'applicantUserId'
  | 'subjectUserId'
  | 'channel'
>;

/** The name ciphers of the request's people (users.name_cipher); only those the viewer is shown are read. */
export interface PartyNames {
  subject: string | null;
  applicant: string | null;
}

export function toSummary(
  request: SummaryRow,
  viewerId: number,
  names: PartyNames,
  cipher: Decrypt,
  now: Date,
): RequestSummary {
  const stage = asStage(request.stage);
  const relation = requestRelationOf(viewerId, request.applicantUserId, request.subjectUserId);
  return {
    id: request.id,
    number: request.number,
    serviceCode: request.serviceCode,
    serviceName: serviceNameOf(request.serviceCode),
    status: request.status,
    statusLabel: requestStatusLabels[request.status],
    stage,
    stageLabel: stage ? cardStageLabels[stage] : null,
    dueDate: request.dueDate,
    overdue: isRequestOverdue(request.status, request.dueDate, beijingDate(now)),
    submittedAt: iso(request.submittedAt),
    updatedAt: request.updatedAt.toISOString(),
    draftExpiresAt: request.status === 'draft' ? iso(request.draftExpiresAt) : null,
    mine: request.applicantUserId === viewerId,
    onBehalfOf:
      request.subjectUserId === request.applicantUserId
        ? null
        : { userId: request.subjectUserId, name: maskedNameOf(cipher, request.subjectUserId, names.subject) },
    relation,
    applicant:
      request.applicantUserId === viewerId
        ? null
        : { userId: request.applicantUserId, name: maskedNameOf(cipher, request.applicantUserId, names.applicant) },
    channel: request.channel,
  };
}

interface TimelineViewer {
  type: 'citizen' | 'staff';
  id: number;
}

/** Who did it, in words the viewer understands: 您 for themselves; citizens see the unit, not staff names. */
function actorLabel(event: TimelineRow, request: RequestRow, viewer: TimelineViewer): string {
  if (event.actorType === 'system') return '系统';
  if (event.actorType === 'staff') {
    if (viewer.type === 'staff') {
      return event.actorId === viewer.id ? '您' : (event.staffDisplayName ?? '工作人员');
    }
    return event.staffUnitName ? `工作人员（${event.staffUnitName}）` : '工作人员';
  }
  if (viewer.type === 'citizen' && event.actorId === viewer.id) return '您';
  if (event.actorId === request.applicantUserId) {
    return request.applicantUserId === request.subjectUserId ? '申请人' : '申请人（家属代办）';
  }
  if (event.actorId === request.subjectUserId) return '退役军人本人';
  return '家属';
}

export function toTimeline(
  events: readonly TimelineRow[],
  request: RequestRow,
  viewer: TimelineViewer,
): TimelineEvent[] {
  return events
    .filter((event) => viewer.type === 'staff' || !isInternalEvent(event.action))
    .map((event) => ({
      id: event.id,
      at: event.createdAt.toISOString(),
      actorType: event.actorType,
      actorLabel: actorLabel(event, request, viewer),
      action: event.action,
      actionLabel: requestEventLabel(event.action),
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      comment: event.comment,
      fields: event.fields ?? [],
    }));
}

export interface DetailContext {
  request: RequestRow;
  answers: FormAnswers;
  attachments: UploadResult[];
  unit: UnitInfo | null;
  timeline: readonly TimelineRow[];
  reason: string | null;
  /** 优待证 ready at a station: that station. */
  pickup: CardPickup | null;
  now: Date;
}

/** 优待证: the issuing chain with where the card is, each stage's holder, and the station to collect it at. */
function cardProgress(context: DetailContext): CardProgress | null {
  const { request, answers } = context;
  if (!stagedServices.includes(request.serviceCode)) return null;
  return cardProgressOf(asStage(request.stage), {
    bank: typeof answers.bank === 'string' ? answers.bank : null,
    station: context.unit?.name ?? null,
    pickup: context.pickup,
  });
}

function nextStep(context: DetailContext): string {
  const { request } = context;
  return nextStepText({
    status: request.status,
    serviceCode: request.serviceCode,
    today: beijingDate(context.now),
    dueDate: request.dueDate,
    unitLevel: context.unit?.level ?? null,
    stage: asStage(request.stage),
    pickupPlace: request.pickupPlace,
    draftExpiresOn: request.draftExpiresAt ? beijingDate(request.draftExpiresAt) : null,
    reason: context.reason,
  });
}

/** The applicant's (or their family's, or the veteran's) view of one request. */
export function toCitizenDetail(
  context: DetailContext,
  viewerId: number,
  names: PartyNames,
  cipher: Decrypt,
): RequestDetail {
  const { request } = context;
  const mine = request.applicantUserId === viewerId;
  const actions: RequestAction[] = mine ? availableActions(request.status, 'applicant') : [];
  return {
    ...toSummary(request, viewerId, names, cipher, context.now),
    formData: context.answers,
    attachments: context.attachments,
    unit: context.unit ? { id: context.unit.id, name: context.unit.name } : null,
    promisedWorkingDays: promisedDaysOf(request.serviceCode),
    pickupPlace: request.pickupPlace,
    cardProgress: cardProgress(context),
    resolutionNote: request.resolutionNote,
    completedAt: iso(request.completedAt),
    editable: mine && (request.status === 'draft' || request.status === 'needs_supplement'),
    availableActions: actions,
    nextStep: nextStep(context),
    timeline: toTimeline(context.timeline, request, { type: 'citizen', id: viewerId }),
  };
}

export function toQueueItem(row: StaffQueueRow, cipher: Decrypt, now: Date): StaffQueueItem {
  const stage = asStage(row.stage);
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.serviceCode,
    serviceName: serviceNameOf(row.serviceCode),
    status: row.status,
    statusLabel: requestStatusLabels[row.status],
    stage,
    stageLabel: stage ? cardStageLabels[stage] : null,
    dueDate: row.dueDate,
    overdue: isRequestOverdue(row.status, row.dueDate, beijingDate(now)),
    submittedAt: iso(row.submittedAt),
    updatedAt: row.updatedAt.toISOString(),
    applicantName: maskedNameOf(cipher, row.applicantUserId, row.applicantNameCipher),
    subjectName: maskedNameOf(cipher, row.subjectUserId, row.subjectNameCipher),
    onBehalf: row.applicantUserId !== row.subjectUserId,
    unit: { id: row.unitId, name: row.unitName },
    assignee: row.assigneeId !== null ? { id: row.assigneeId, displayName: row.assigneeName ?? '' } : null,
  };
}

export function toStaffDetail(
  context: DetailContext,
  row: StaffQueueRow,
  staffId: number,
  form: { formData: FormAnswers; hidden: string[]; revealed: boolean },
  cipher: Decrypt,
): StaffRequestDetail {
  const { request } = context;
  return {
    ...toQueueItem(row, cipher, context.now),
    formData: form.formData,
    attachments: context.attachments,
    hiddenSensitiveFields: form.hidden,
    sensitiveRevealed: form.revealed,
    promisedWorkingDays: promisedDaysOf(request.serviceCode),
    pickupPlace: request.pickupPlace,
    cardProgress: cardProgress(context),
    resolutionNote: request.resolutionNote,
    completedAt: iso(request.completedAt),
    availableActions: availableActions(request.status, 'staff'),
    nextStep: nextStep(context),
    timeline: toTimeline(context.timeline, request, { type: 'staff', id: staffId }),
  };
}
