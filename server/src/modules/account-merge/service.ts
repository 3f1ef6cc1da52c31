import {
  maskPhone,
  mergeRefusalMessages,
  type PhoneBindBody,
  type PhoneBindResult,
  phonePage,
  type SubscribeTemplateData,
} from '@veterans/shared';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import { writeAudit } from '../../plugins/audit';
import { checkSmsCode, consumeSmsCode, smsCodeRefusal } from '../auth/sms/service';
import { notify, wechatMessage } from '../notifications/notify';
import type { Executor, Transaction } from '../veterans/executor';
import { verifyPendingUsersFromRoster } from '../veterans/roster-match';
import { mergeAccounts, mergeDecision } from './merge';
import { type MergeSummary, mergeNoticeBody } from './plan';

/** The other live citizen account whose sign-in phone this is, if any. */
export async function phoneOwner(db: Executor, phoneHash: string, exceptUserId: number): Promise<number | undefined> {
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phoneHash, phoneHash), ne(users.id, exceptUserId), isNull(users.deletedAt)));
  return owner?.id;
}

/**
 * The refusal for a phone that belongs to another account: PHONE_TAKEN (the app then offers to merge, confirmed by
 * a code sent to that phone) when the two accounts may become one, else why they may not.
 */
export async function phoneTakenRefusal(tx: Transaction, userId: number, ownerId: number): Promise<AppError> {
  const decision = await mergeDecision(tx, userId, ownerId);
  return decision.allowed
    ? new AppError('PHONE_TAKEN')
    : new AppError('ACCOUNT_MERGE_REFUSED', mergeRefusalMessages[decision.reason]);
}

/** Stores a proven phone (encrypted, with its lookup hash) as the account's sign-in phone; one account per phone. */
export async function storeProvenPhone(app: FastifyInstance, userId: number, phone: string): Promise<void> {
  try {
    await app.db
      .update(users)
      .set({
        phoneHash: app.cipher.hash(phone),
        phoneCipher: app.cipher.encrypt(phone, sealedIn(users.phoneCipher, userId)),
      })
      .where(eq(users.id, userId));
  } catch (error) {
    // Someone else bound the same number between the check and the update.
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('PHONE_TAKEN');
    throw error;
  }
}

/** Once the account holds a newly proven phone: a veteran waiting whose roster row has this phone is verified. */
export async function afterPhoneProven(app: FastifyInstance, request: FastifyRequest, userId: number): Promise<void> {
  if ((await verifyPendingUsersFromRoster(app.db, app.cipher, new Date(), userId)) > 0) {
    await request.audit({ action: 'identity.verified_by_roster', targetType: 'user', targetId: userId });
  }
}

/** Tells the person their accounts became one (inbox, and a subscribe message where they allowed one). */
async function noticeMerge(tx: Transaction, userId: number, summary: MergeSummary, now: Date): Promise<void> {
  const data: SubscribeTemplateData['identity-result'] = {
    item: '账号合并',
    result: '已合并',
    time: now.toISOString(),
    remark: '原账号的办件和记录已归入当前账号',
  };
  await notify(tx, {
    recipient: { type: 'citizen', id: userId },
    kind: 'account-merged',
    title: '您的两个账号已合并',
    body: mergeNoticeBody(summary),
    link: phonePage,
    wechat: wechatMessage('identity-result', `account-merged:${userId}:${now.getTime()}`, data),
  });
}

type Outcome =
  | { kind: 'code-refused'; error: AppError }
  | { kind: 'free' }
  | { kind: 'refused'; error: AppError }
  | { kind: 'merged' };

/**
 * Binds a phone proven by SMS code to the signed-in citizen. When the phone is another account's sign-in phone,
 * nothing happens until the person confirms (`merge: true`) with a code sent to that phone; then the other account
 * is merged into theirs in one transaction, with the code used up in it. Without the confirmation the right code
 * stays usable (five minutes), so the prompt needs no second code.
 */
export async function bindPhoneBySms(
  app: FastifyInstance,
  request: FastifyRequest,
  userId: number,
  { phone, code, merge }: PhoneBindBody,
): Promise<PhoneBindResult> {
  const now = new Date();
  const phoneHash = app.cipher.hash(phone);
  const outcome = await inTransaction(app.db, async (tx): Promise<Outcome> => {
    const { verdict, codeId } = await checkSmsCode(tx, app, phone, code, now);
    if (verdict !== 'accepted' || codeId === undefined) {
      return { kind: 'code-refused', error: smsCodeRefusal(verdict === 'accepted' ? 'expired' : verdict) };
    }
    const ownerId = await phoneOwner(tx, phoneHash, userId);
    if (ownerId === undefined) {
      await consumeSmsCode(tx, codeId, now);
      return { kind: 'free' };
    }
    if (!merge) return { kind: 'refused', error: await phoneTakenRefusal(tx, userId, ownerId) };
    const merged = await mergeAccounts(tx, app.cipher, { survivorId: userId, absorbedId: ownerId, phone, now });
    if (!merged.merged) {
      return {
        kind: 'refused',
        error: new AppError('ACCOUNT_MERGE_REFUSED', mergeRefusalMessages[merged.decision.reason]),
      };
    }
    await consumeSmsCode(tx, codeId, now);
    await noticeMerge(tx, userId, { ...merged, maskedPhone: maskPhone(phone) }, now);
    await writeAudit(tx, request, {
      action: 'account.merged',
      targetType: 'user',
      targetId: userId,
      detail: { survivorId: userId, absorbedId: ownerId, identityFrom: merged.identityFrom, moved: merged.moved },
    });
    return { kind: 'merged' };
  });

  if (outcome.kind === 'code-refused') {
    await request.audit({ action: 'me.phone.sms_failed', targetType: 'user', targetId: userId });
    throw outcome.error;
  }
  if (outcome.kind === 'refused') throw outcome.error;
  if (outcome.kind === 'free') await storeProvenPhone(app, userId, phone);
  await request.audit({ action: 'me.phone.bound', targetType: 'user', targetId: userId, detail: { source: 'sms' } });
  await afterPhoneProven(app, request, userId);
  return { phone: maskPhone(phone), merged: outcome.kind === 'merged' };
}
