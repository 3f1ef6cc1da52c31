/**
 * Who is offered 关怀模式 (care mode): people aged 60 or over (60 周岁及以上, the statutory meaning of 老年人) by
 * the birth date of their real-name identity, once, and only while care mode is off.
 */

export const CARE_MODE_OFFER_AGE = 60;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's calendar date in Beijing (`YYYY-MM-DD`), whatever the device's time zone. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function parts(date: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return [year, month, day];
}

/**
 * Age in whole years on `today` (both `YYYY-MM-DD`): the birthday counts from its own day on. Someone born on
 * 29 February turns a year older on 1 March in common years. null for a date that is not one.
 */
export function ageOn(birthDate: string, today: string): number | null {
  const born = parts(birthDate);
  const now = parts(today);
  if (!born || !now) return null;
  const [bornYear, bornMonth, bornDay] = born;
  const [year, month, day] = now;
  let age = year - bornYear;
  if (month < bornMonth || (month === bornMonth && day < bornDay)) age -= 1;
  return age >= 0 ? age : null;
}

export interface OfferFacts {
  /** From the identity (`GET /me` identity.birthDate); null when there is no real-name identity yet. */
  birthDate: string | null;
  /** Care mode as it is now (account or device). */
  careModeOn: boolean;
  /** This user has been offered care mode before (on this device). */
  alreadyOffered: boolean;
  /** `YYYY-MM-DD`, Beijing. */
  today: string;
}

/** Whether to ask 是否开启关怀模式？ now. */
export function shouldOfferCareMode({ birthDate, careModeOn, alreadyOffered, today }: OfferFacts): boolean {
  if (careModeOn || alreadyOffered || !birthDate) return false;
  const age = ageOn(birthDate, today);
  return age !== null && age >= CARE_MODE_OFFER_AGE;
}
