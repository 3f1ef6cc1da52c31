import { maskPhone } from '@veterans/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../db/transaction';
import { afterPhoneProven, phoneOwner, phoneTakenRefusal, storeProvenPhone } from '../account-merge/service';

/**
 * Stores the phone number WeChat vouched for as the account's sign-in phone. When it is another account's, the
 * refusal says whether the two may be merged (confirmed by an SMS code to that phone, modules/account-merge).
 */
export async function bindPhone(
  app: FastifyInstance,
  request: FastifyRequest,
  userId: number,
  phone: string,
): Promise<string> {
  const ownerId = await phoneOwner(app.db, app.cipher.hash(phone), userId);
  if (ownerId !== undefined) throw await inTransaction(app.db, (tx) => phoneTakenRefusal(tx, userId, ownerId));
  await storeProvenPhone(app, userId, phone);
  await request.audit({ action: 'me.phone.bound', targetType: 'user', targetId: userId, detail: { source: 'wechat' } });
  await afterPhoneProven(app, request, userId);
  return maskPhone(phone);
}
