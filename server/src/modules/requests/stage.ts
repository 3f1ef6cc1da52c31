import { type CardStage, cardStages, type RequestStatus, type ServiceCode, stagedServices } from '@veterans/shared';

/** Card stages may be set once the request is being handled (approved) or already completed. */
const STAGE_STATUSES: readonly RequestStatus[] = ['processing', 'completed'];

export type StageDecision =
  | { ok: true; stage: CardStage; pickupPlace: string | null }
  | { ok: false; code: 'INVALID_TRANSITION'; message: string }
  | { ok: false; code: 'VALIDATION_FAILED'; message: string; path: string };

export interface StageInput {
  serviceCode: ServiceCode;
  status: RequestStatus;
  current: CardStage | null;
  currentPickupPlace: string | null;
  next: CardStage;
  pickupPlace?: string | null;
}

/**
 * 优待证 after approval: 制证 production → 待领取 ready_for_pickup (a pickup place is required) → 已领取
 * picked_up. Stages only move forward; 待领取 may come without 制证 (a card made at once), but 已领取 only after
 * 待领取, so the applicant was told where to collect it.
 */
export function decideStage(input: StageInput): StageDecision {
  if (!stagedServices.includes(input.serviceCode)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: '该事项没有制证环节' };
  }
  if (!STAGE_STATUSES.includes(input.status)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: '审核通过、开始办理后才能更新制证进度' };
  }
  const from = input.current === null ? -1 : cardStages.indexOf(input.current);
  const to = cardStages.indexOf(input.next);
  if (to <= from) return { ok: false, code: 'INVALID_TRANSITION', message: '制证进度只能向前推进' };
  if (input.next === 'picked_up' && input.current !== 'ready_for_pickup') {
    return { ok: false, code: 'INVALID_TRANSITION', message: '请先设置为待领取并告知领取地点' };
  }
  const place = input.pickupPlace?.trim() || null;
  if (input.next === 'ready_for_pickup' && !place) {
    return { ok: false, code: 'VALIDATION_FAILED', message: '请填写领取地点', path: 'body.pickupPlace' };
  }
  return { ok: true, stage: input.next, pickupPlace: place ?? input.currentPickupPlace };
}
