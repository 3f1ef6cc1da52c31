import { type ApplicantContact, maskPhone } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';
import { maskedNameOf } from './names';

/** How staff reach an applicant: the phone their account has proven (SMS or WeChat), masked unless revealed. */
export async function applicantContact(
  db: Database,
  cipher: Pick<FieldCipher, 'decrypt'>,
  userId: number,
  reveal: boolean,
): Promise<ApplicantContact> {
  const [user] = await db
    .select({ nameCipher: users.nameCipher, phoneCipher: users.phoneCipher })
    .from(users)
    .where(eq(users.id, userId));
  const phone = user?.phoneCipher ? cipher.decrypt(user.phoneCipher, sealedIn(users.phoneCipher, userId)) : null;
  return {
    name: maskedNameOf(cipher, userId, user?.nameCipher ?? null),
    phone: phone && (reveal ? phone : maskPhone(phone)),
    revealed: reveal && phone !== null,
  };
}
