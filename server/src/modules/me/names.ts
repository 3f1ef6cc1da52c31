import { maskName } from '@veterans/shared';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';

/** A citizen's name as lists show it: masked, or `absent` when there is none (no identity yet, or deleted). */
export function maskedNameOf(
  cipher: Pick<FieldCipher, 'decrypt'>,
  userId: number,
  nameCipher: string | null,
  absent = '未实名',
): string {
  return nameCipher ? maskName(cipher.decrypt(nameCipher, sealedIn(users.nameCipher, userId))) : absent;
}
