import { type Me, maskIdNumber, maskName, maskPhone } from '@veterans/shared';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';
import type { UserRow } from './citizen';
import type { ConsentState } from './consents';

/** Whether WeChat face verification (人脸核身) could verify this account now; the server opens no session otherwise. */
export function faceVerificationOffered(user: UserRow, enabled: boolean): boolean {
  return (
    enabled &&
    user.openid !== null &&
    user.kind === 'veteran' &&
    user.idNumberCipher !== null &&
    (user.veteranStatus === 'pending' || user.veteranStatus === 'rejected')
  );
}

export interface MeExtras {
  /** The service has face verification (WECHAT_FACE_VERIFY). */
  faceVerify: boolean;
  /** The latest proof attached to the identity claim. */
  identityProof: { fileName: string; uploadedAt: string } | null;
}

/** The caller's profile as `GET /me` shows it: every personal field decrypted only to be masked. */
export function toMe(
  user: UserRow,
  consents: ConsentState,
  cipher: Pick<FieldCipher, 'decrypt'>,
  { faceVerify, identityProof }: MeExtras,
): Me {
  const plain = (stored: string, column: MySqlColumn) => cipher.decrypt(stored, sealedIn(column, user.id));
  const identity =
    user.nameCipher && user.idNumberCipher && user.birthDate && user.gender
      ? {
          name: maskName(plain(user.nameCipher, users.nameCipher)),
          idNumber: maskIdNumber(plain(user.idNumberCipher, users.idNumberCipher)),
          birthDate: user.birthDate,
          gender: user.gender,
        }
      : null;
  return {
    id: user.id,
    kind: user.kind,
    phone: user.phoneCipher ? maskPhone(plain(user.phoneCipher, users.phoneCipher)) : null,
    hasWechat: user.openid !== null,
    identity,
    veteranStatus: user.veteranStatus,
    communityUnitId: user.communityUnitId,
    careMode: user.careMode,
    identityProof,
    faceVerification: faceVerificationOffered(user, faceVerify),
    consents,
  };
}
