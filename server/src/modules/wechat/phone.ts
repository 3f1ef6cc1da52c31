import { maskPhone } from '@veterans/shared';
import { and, eq, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import { verifyPendingUsersFromRoster } from '../veterans/roster-match';

/** Stores the phone number WeChat vouched for (encrypted, with its lookup hash); one account per phone. */
export async function bindPhone(
  app: FastifyInstance,
  request: FastifyRequest,
  userId: number,
  phone: string,
): Promise<string> {
  const phoneHash = app.cipher.hash(phone);
  const [other] = await app.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phoneHash, phoneHash), ne(users.id, userId)));
  if (other) throw new AppError('PHONE_TAKEN');
  try {
    await app.db
      .update(users)
      .set({ phoneHash, phoneCipher: app.cipher.encrypt(phone, sealedIn(users.phoneCipher, userId)) })
      .where(eq(users.id, userId));
  } catch (error) {
    // Someone else bound the same number between the check and the update.
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('PHONE_TAKEN');
    throw error;
  }
  await request.audit({ action: 'me.phone.bound', targetType: 'user', targetId: userId, detail: { source: 'wechat' } });
  // A veteran waiting for verification whose roster row holds this phone is verified now.
  if ((await verifyPendingUsersFromRoster(app.db, app.cipher, new Date(), userId)) > 0) {
    await request.audit({ action: 'identity.verified_by_roster', targetType: 'user', targetId: userId });
  }
  return maskPhone(phone);
}
