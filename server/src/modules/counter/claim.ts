import type { CounterClaimBody, Session } from '@veterans/shared';
import { count, eq, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { familyLinks, legalBookings, serviceRequests, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import { loadPrincipal } from '../auth/principal';
import { issueSession, revokeAllSessions } from '../auth/sessions';
import { hasIdentity } from '../me/citizen';
import type { Transaction } from '../veterans/executor';
import { normaliseIdNumber, normaliseName } from '../veterans/roster-match';
import { decideCounterClaim } from './rules';

async function hasOwnRecords(tx: Transaction, userId: number): Promise<boolean> {
  const [requests] = await tx
    .select({ n: count() })
    .from(serviceRequests)
    .where(or(eq(serviceRequests.applicantUserId, userId), eq(serviceRequests.subjectUserId, userId)));
  const [bookings] = await tx.select({ n: count() }).from(legalBookings).where(eq(legalBookings.userId, userId));
  const [links] = await tx
    .select({ n: count() })
    .from(familyLinks)
    .where(or(eq(familyLinks.familyUserId, userId), eq(familyLinks.veteranUserId, userId)));
  return (requests?.n ?? 0) + (bookings?.n ?? 0) + (links?.n ?? 0) > 0;
}

/**
 * `POST /me/counter-claim`: the person staff registered at the counter signs in to the app (a new, empty
 * account) and takes that record over — see `decideCounterClaim` for when. The sign-in (openid, proven phone)
 * moves onto the counter record, which keeps its identity, consents and requests; the empty account is retired
 * and its sessions ended; the caller gets a session of the record. Returns the session and the record's id.
 */
export async function claimCounterRecord(
  app: FastifyInstance,
  callerId: number,
  body: CounterClaimBody,
  now = new Date(),
): Promise<{ session: Session; userId: number }> {
  const idNumberHash = app.cipher.hash(normaliseIdNumber(body.idNumber));
  const nameHash = app.cipher.hash(normaliseName(body.name));
  const recordId = await app.db.transaction(async (tx) => {
    const [caller] = await tx.select().from(users).where(eq(users.id, callerId)).for('update');
    if (!caller || caller.deletedAt) throw new AppError('INVALID_TOKEN');
    const [record] = await tx.select().from(users).where(eq(users.idNumberHash, idNumberHash)).for('update');
    const decision = decideCounterClaim(
      {
        phoneHash: caller.phoneHash,
        hasIdentity: hasIdentity(caller),
        hasOwnRecords: await hasOwnRecords(tx, caller.id),
      },
      record && {
        registeredAtCounter: record.counterRegisteredBy !== null,
        deleted: record.deletedAt !== null,
        hasSignIn: record.openid !== null || record.phoneHash !== null,
        nameHash: record.nameHash,
        counterPhoneHash: record.counterPhoneHash,
      },
      nameHash,
    );
    if (!decision.ok || !record) {
      throw new AppError(
        decision.ok ? 'COUNTER_CLAIM_REFUSED' : decision.code,
        decision.ok ? undefined : decision.message,
      );
    }
    const phone = caller.phoneCipher
      ? app.cipher.decrypt(caller.phoneCipher, sealedIn(users.phoneCipher, caller.id))
      : null;
    // The empty account gives up its sign-in first: openid and phone hash are unique.
    await tx
      .update(users)
      .set({ openid: null, phoneCipher: null, phoneHash: null, deletedAt: now })
      .where(eq(users.id, caller.id));
    await tx
      .update(users)
      .set({
        openid: caller.openid,
        phoneHash: caller.phoneHash,
        phoneCipher: phone ? app.cipher.encrypt(phone, sealedIn(users.phoneCipher, record.id)) : null,
        counterPhoneCipher: null,
        counterPhoneHash: null,
        careMode: caller.careMode,
      })
      .where(eq(users.id, record.id));
    await revokeAllSessions(tx, 'citizen', caller.id, now);
    return record.id;
  });
  const principal = await loadPrincipal(app, 'citizen', recordId);
  if (!principal?.canSignIn) throw new AppError('ACCOUNT_DISABLED');
  return { session: await issueSession(app, principal), userId: recordId };
}
