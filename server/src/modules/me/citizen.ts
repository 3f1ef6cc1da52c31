import type { UserRow } from '../../plugins/caller';

export type { UserRow };

/** True when the user has stored a real-name identity. */
export function hasIdentity(user: Pick<UserRow, 'nameCipher' | 'idNumberCipher' | 'idNumberHash'>): boolean {
  return Boolean(user.nameCipher && user.idNumberCipher && user.idNumberHash);
}
