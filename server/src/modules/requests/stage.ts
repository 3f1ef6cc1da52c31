import {
  type CardStage,
  cardStageStatuses,
  nextCardStages,
  type OrgLevel,
  type RequestStatus,
  type ServiceCode,
  stagedServices,
} from '@veterans/shared';

/** Cards are handed out at a station 服务站 (street or community), not at the district centre. */
const PICKUP_LEVELS: readonly OrgLevel[] = ['street', 'community'];

export interface PickupUnit {
  id: number;
  name: string;
  level: OrgLevel;
  active: boolean;
}

export type StageDecision =
  | { ok: true; stage: CardStage; pickupUnit: PickupUnit | null }
  | { ok: false; code: 'INVALID_TRANSITION'; message: string }
  | { ok: false; code: 'VALIDATION_FAILED'; message: string; path: string };

export interface StageInput {
  serviceCode: ServiceCode;
  status: RequestStatus;
  current: CardStage | null;
  next: CardStage;
  /** The station named for ready_for_pickup (null: named but not found). */
  pickupUnit?: PickupUnit | null;
}

/** 优待证 through the issuing chain, in the order nextCardStages allows; 待领取 names an active station. */
export function decideStage(input: StageInput): StageDecision {
  if (!stagedServices.includes(input.serviceCode)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: '该事项没有制证环节' };
  }
  if (!cardStageStatuses.includes(input.status)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: '服务站受理后才能更新优待证办理进度' };
  }
  if (!nextCardStages(input.serviceCode, input.status, input.current).includes(input.next)) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      message:
        input.next === 'picked_up' && input.current !== 'picked_up'
          ? '请先设置为待领取并告知领取的服务站'
          : '优待证办理进度只能向前推进',
    };
  }
  if (input.next !== 'ready_for_pickup') return { ok: true, stage: input.next, pickupUnit: null };
  const unit = input.pickupUnit;
  if (unit === undefined) {
    return { ok: false, code: 'VALIDATION_FAILED', message: '请选择领取优待证的服务站', path: 'body.pickupUnitId' };
  }
  if (!unit?.active || !PICKUP_LEVELS.includes(unit.level)) {
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      message: '领取地点应为启用中的街道或社区服务站',
      path: 'body.pickupUnitId',
    };
  }
  return { ok: true, stage: input.next, pickupUnit: unit };
}
