import type { ErrorCode } from '@veterans/shared';

/** The app account asking to take over a counter-registered record (`POST /me/counter-claim`). */
export interface ClaimingAccount {
  /** Keyed hash of the phone the account proved (SMS code or WeChat's phone API); null when none. */
  phoneHash: string | null;
  /** The account holds a real-name identity of its own. */
  hasIdentity: boolean;
  /** The account has requests, bookings or family links of its own (it is not a fresh sign-in). */
  hasOwnRecords: boolean;
}

/** The record staff registered at the counter, found by the keyed hash of the ID number the caller typed. */
export interface CounterRecord {
  registeredAtCounter: boolean;
  deleted: boolean;
  /** Someone already signs in to this record (an openid or a proven phone): it has been claimed, or was never a
   * counter-only record. */
  hasSignIn: boolean;
  nameHash: string | null;
  counterPhoneHash: string | null;
}

export type ClaimDecision = { ok: true } | { ok: false; code: ErrorCode; message?: string };

/**
 * Whether an app account may take over a counter-registered record. Knowing a name and an ID number is not
 * enough (relatives and colleagues know them): the account must also have proven the very phone the person gave
 * at the counter. A record someone already signs in to is never handed over, and an account with an identity or
 * records of its own is not merged here (staff do that). Every refusal before the phone check says the same, so
 * the answer does not tell whether an ID number was registered.
 */
export function decideCounterClaim(
  account: ClaimingAccount,
  record: CounterRecord | undefined,
  submittedNameHash: string,
): ClaimDecision {
  if (account.phoneHash === null) return { ok: false, code: 'COUNTER_CLAIM_PHONE_REQUIRED' };
  if (account.hasIdentity || account.hasOwnRecords) {
    return {
      ok: false,
      code: 'COUNTER_CLAIM_REFUSED',
      message: '您的账号已有实名信息或办理记录，不能再认领窗口登记记录，请带身份证到服务站办理',
    };
  }
  if (!record?.registeredAtCounter || record.deleted || record.hasSignIn || record.nameHash !== submittedNameHash) {
    return { ok: false, code: 'COUNTER_CLAIM_REFUSED' };
  }
  if (record.counterPhoneHash !== account.phoneHash) {
    return {
      ok: false,
      code: 'COUNTER_CLAIM_REFUSED',
      message: '您验证的手机号与在服务站登记的手机号不一致，请带身份证到服务站更正后再认领',
    };
  }
  return { ok: true };
}

/**
 * The veteran status of a person registered at the counter: a clerk who checked the discharge document in
 * person is the 'in-person' evidence of the verification queue, so the record is verified at once; otherwise it
 * waits in the queue like any other claim.
 */
export function counterVeteranStatus(documentChecked: boolean): 'verified' | 'pending' {
  return documentChecked ? 'verified' : 'pending';
}

/** A unit as the receipt may name it for contact. */
export interface ContactUnit {
  name: string;
  path: string;
  address: string | null;
  phone: string | null;
}

/**
 * Whom the 受理回执 tells the person to contact: the handling unit when it has a phone on file, otherwise the
 * nearest unit above it that has one (a community station often has no phone of its own; the person may never
 * open the app, so the paper must name a number). Without any phone, the nearest unit with an address.
 */
export function receiptContact(handlingPath: string, units: readonly ContactUnit[]): ContactUnit | null {
  const line = units.filter((unit) => handlingPath.startsWith(unit.path)).sort((a, b) => b.path.length - a.path.length);
  return line.find((unit) => unit.phone) ?? line.find((unit) => unit.address) ?? null;
}
