import type { users } from '../../db/schema/index';

/** A real-name identity's columns, cleared: what an account keeps when its identity is removed. */
export const CLEARED_IDENTITY = {
  nameCipher: null,
  nameHash: null,
  idNumberCipher: null,
  idNumberHash: null,
  birthDate: null,
  gender: null,
  veteranStatus: 'none',
  verifiedAt: null,
  verifiedBy: null,
  dischargeDate: null,
  counterPhoneCipher: null,
  counterPhoneHash: null,
} as const satisfies Partial<typeof users.$inferInsert>;

/**
 * An account given up (deleted by its holder, or absorbed by a merge): identity, sign-ins and personal settings
 * cleared, so its unique values (openid, phone, ID number) are free; the row stays for the audit trail.
 */
export const EMPTIED_ACCOUNT = {
  ...CLEARED_IDENTITY,
  openid: null,
  phoneCipher: null,
  phoneHash: null,
  verificationNote: null,
  communityUnitId: null,
  careMode: false,
} as const satisfies Partial<typeof users.$inferInsert>;
