import { type Me, maskIdNumber, maskName, maskPhone } from '@veterans/shared';
import type { FieldCipher } from '../../lib/field-cipher';
import type { UserRow } from './citizen';
import type { ConsentState } from './consents';

/** The caller's profile as `GET /me` shows it: every personal field decrypted only to be masked. */
export function toMe(user: UserRow, consents: ConsentState, cipher: Pick<FieldCipher, 'decrypt'>): Me {
  const identity =
    user.nameCipher && user.idNumberCipher && user.birthDate && user.gender
      ? {
          name: maskName(cipher.decrypt(user.nameCipher)),
          idNumber: maskIdNumber(cipher.decrypt(user.idNumberCipher)),
          birthDate: user.birthDate,
          gender: user.gender,
        }
      : null;
  return {
    id: user.id,
    kind: user.kind,
    phone: user.phoneCipher ? maskPhone(cipher.decrypt(user.phoneCipher)) : null,
    hasWechat: user.openid !== null,
    identity,
    veteranStatus: user.veteranStatus,
    communityUnitId: user.communityUnitId,
    careMode: user.careMode,
    consents,
  };
}
