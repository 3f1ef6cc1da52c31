import { z } from 'zod';
import type { CitizenKind } from './auth';
import { orgUnitSchema } from './org-units';

/**
 * 优待证资格自查: before the 优待证 form starts, whether the person can apply online. The authorities issue the
 * card online only to people already registered (信息采集/建档立卡) with the veterans-affairs system — here, a
 * row of the bureau's veteran roster with the person's ID number; anyone else first registers at their station.
 */
export const cardEligibilityVerdicts = ['can_apply', 'register_first', 'identity_needed', 'not_veteran'] as const;
export type CardEligibilityVerdict = (typeof cardEligibilityVerdicts)[number];

const stationSchema = orgUnitSchema.pick({ name: true, address: true, phone: true, openingHours: true });
export type CardStation = z.infer<typeof stationSchema>;

export const cardEligibilitySchema = z
  .object({
    verdict: z.enum(cardEligibilityVerdicts),
    title: z.string(),
    message: z.string(),
    /** Where to register (建档立卡) or to ask: the person's station. */
    station: stationSchema.nullable(),
  })
  .meta({ id: 'CardEligibility' });
export type CardEligibility = z.infer<typeof cardEligibilitySchema>;

export interface CardEligibilityFacts {
  kind: CitizenKind;
  hasIdentity: boolean;
  /** The roster holds a row with the person's ID number. */
  registered: boolean;
  station: CardStation | null;
}

/** The self-check's answer from what is known of the person. */
export function decideCardEligibility(facts: CardEligibilityFacts): CardEligibility {
  const { station } = facts;
  const where = station?.name ?? '所在社区（村）的退役军人服务站';
  if (facts.kind === 'family') {
    return {
      verdict: 'not_veteran',
      title: '退役军人优待证由退役军人本人申请',
      message: '您是家属账号。可以在关联退役军人后，为他（她）代为申请。',
      station,
    };
  }
  if (!facts.hasIdentity) {
    return {
      verdict: 'identity_needed',
      title: '请先完成实名认证',
      message: '填写姓名和身份证号码后即可自查是否可以在线申请。',
      station,
    };
  }
  if (facts.registered) {
    return {
      verdict: 'can_apply',
      title: '可以在线申请',
      message: '您已在退役军人信息系统中建档，可以在线申请优待证。',
      station,
    };
  }
  return {
    verdict: 'register_first',
    title: '请先建档立卡',
    message: `系统中暂未查到您的建档信息。请先携带身份证、退伍证到${where}办理信息采集（建档立卡），完成后即可在线申请。`,
    station,
  };
}
