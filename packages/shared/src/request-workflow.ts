import { z } from 'zod';
import type { ServiceCode } from './services';

export const requestStatuses = [
  'draft',
  'submitted',
  'accepted',
  'processing',
  'needs_supplement',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export const requestStatusSchema = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof requestStatusSchema>;
export const requestStatusLabels: Record<RequestStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已受理',
  processing: '办理中',
  needs_supplement: '待补正',
  completed: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

/** Statuses after which nothing more happens to a request. */
export const finalRequestStatuses: readonly RequestStatus[] = ['completed', 'rejected', 'withdrawn'];

export type RequestActor = 'applicant' | 'staff';

interface ActionRule {
  from: readonly RequestStatus[];
  to: RequestStatus;
  by: RequestActor;
  label: string;
  /** Reject and needs-supplement tell the applicant why. */
  reasonRequired?: boolean;
}

/** The one workflow of every service request: which action moves which status, and who may take it. */
export const requestActions = {
  submit: { from: ['draft'], to: 'submitted', by: 'applicant', label: '提交' },
  resubmit: { from: ['needs_supplement'], to: 'submitted', by: 'applicant', label: '补正后重新提交' },
  withdraw: {
    from: ['submitted', 'accepted', 'processing', 'needs_supplement'],
    to: 'withdrawn',
    by: 'applicant',
    label: '撤回',
  },
  accept: { from: ['submitted'], to: 'accepted', by: 'staff', label: '受理' },
  start: { from: ['accepted'], to: 'processing', by: 'staff', label: '开始办理' },
  request_supplement: {
    from: ['submitted', 'accepted', 'processing'],
    to: 'needs_supplement',
    by: 'staff',
    label: '退回补正',
    reasonRequired: true,
  },
  reject: {
    from: ['submitted', 'accepted', 'processing', 'needs_supplement'],
    to: 'rejected',
    by: 'staff',
    label: '不予受理',
    reasonRequired: true,
  },
  complete: { from: ['processing'], to: 'completed', by: 'staff', label: '办结' },
} as const satisfies Record<string, ActionRule>;

export type RequestAction = keyof typeof requestActions;
export const requestActionSchema = z.enum(Object.keys(requestActions) as [RequestAction, ...RequestAction[]]);
export const staffRequestActions = (Object.keys(requestActions) as RequestAction[]).filter(
  (action) => requestActions[action].by === 'staff',
);

export type TransitionRefusal = 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'RESOLUTION_REQUIRED' | 'FORBIDDEN';

export interface TransitionInput {
  status: RequestStatus;
  action: RequestAction;
  actor: RequestActor;
  serviceCode: ServiceCode;
  reason?: string;
  /** Appeals 诉求反映 are completed only with a written resolution. */
  resolutionNote?: string;
}

export type TransitionDecision = { ok: true; to: RequestStatus } | { ok: false; refusal: TransitionRefusal };

/** Decides whether an action may happen now; the server refuses anything this refuses. */
export function decideTransition(input: TransitionInput): TransitionDecision {
  const rule: ActionRule = requestActions[input.action];
  if (rule.by !== input.actor) return { ok: false, refusal: 'FORBIDDEN' };
  if (!rule.from.includes(input.status)) return { ok: false, refusal: 'INVALID_TRANSITION' };
  if (rule.reasonRequired && !input.reason?.trim()) return { ok: false, refusal: 'REASON_REQUIRED' };
  if (input.action === 'complete' && input.serviceCode === 'appeal' && !input.resolutionNote?.trim()) {
    return { ok: false, refusal: 'RESOLUTION_REQUIRED' };
  }
  return { ok: true, to: rule.to };
}

/** The actions a given actor may take on a request in this status (the buttons the app shows). */
export function availableActions(status: RequestStatus, actor: RequestActor): RequestAction[] {
  return (Object.keys(requestActions) as RequestAction[]).filter((action) => {
    const rule: ActionRule = requestActions[action];
    return rule.by === actor && rule.from.includes(status);
  });
}

/** 好差评 levels, best first; the two lowest open a supervisor follow-up 回访整改. */
export const ratingLevels = [5, 4, 3, 2, 1] as const;
export const ratingLevelLabels: Record<(typeof ratingLevels)[number], string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
export const ratingBodySchema = z.strictObject({
  level: z.union(ratingLevels.map((level) => z.literal(level))),
  comment: z.string().trim().max(500, { error: '评价内容最多 500 字' }).optional(),
});
export function ratingOpensFollowUp(level: number): boolean {
  return level <= 2;
}
