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
