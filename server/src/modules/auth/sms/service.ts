import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Session } from '@veterans/shared';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { claimGuards } from '../../../db/guards';
import { smsCodes } from '../../../db/schema/index';
import { inTransaction, readCommitted } from '../../../db/transaction';
import { AppError } from '../../../lib/app-error';
import type { Executor } from '../../veterans/executor';
import { signInByPhone } from '../citizens';
import { loadPrincipal } from '../principal';
import { issueSession } from '../sessions';
import type { SmsProvider } from './provider';
import {
  type CodeCheck,
  checkCode,
  DAY_MS,
  decideSend,
  HOUR_MS,
  SMS_CODE_TTL_MS,
  SMS_LIMITS,
  SMS_MAX_WRONG_TRIES,
  tooFrequentMessage,
} from './rules';

function codeHash(app: FastifyInstance, phone: string, code: string): string {
  return app.cipher.hash(`sms-code:${phone}:${code}`);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export interface SmsSent {
  cooldownSeconds: number;
}

/**
 * Sends a six-digit sign-in code. The limits are checked and the code recorded in one transaction that first
 * claims the conflict guards of the client address and of the phone (db/guards.ts), so two requests, on any
 * instances and any Galera nodes, cannot both slip through the same gap — neither for one phone nor for many
 * phones from one address. The code is sent after the commit, so a rerun transaction never sends twice.
 */
export async function sendSignInCode(
  app: FastifyInstance,
  request: FastifyRequest,
  provider: SmsProvider,
  phone: string,
): Promise<SmsSent> {
  const now = new Date();
  const phoneHash = app.cipher.hash(phone);
  const ipHash = app.cipher.hash(`ip:${request.ip}`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const guards = [`sms-ip:${ipHash.slice(0, 100)}`, `sms-phone:${phoneHash.slice(0, 100)}`];
  const limits = { ...SMS_LIMITS, perIpPerHour: app.config.SMS_PER_IP_PER_HOUR };

  const recorded = await inTransaction(
    app.db,
    async (db) => {
      await claimGuards(db, guards);
      const phoneSends = await db
        .select({ createdAt: smsCodes.createdAt })
        .from(smsCodes)
        .where(and(eq(smsCodes.phoneHash, phoneHash), gt(smsCodes.createdAt, new Date(now.getTime() - DAY_MS))))
        .orderBy(desc(smsCodes.createdAt))
        .limit(SMS_LIMITS.perPhonePerDay);
      const ipSends = await db
        .select({ createdAt: smsCodes.createdAt })
        .from(smsCodes)
        .where(and(eq(smsCodes.ipHash, ipHash), gt(smsCodes.createdAt, new Date(now.getTime() - HOUR_MS))))
        .orderBy(desc(smsCodes.createdAt))
        .limit(limits.perIpPerHour);
      const decision = decideSend(
        { phoneSends: phoneSends.map((row) => row.createdAt), ipSends: ipSends.map((row) => row.createdAt) },
        now,
        limits,
      );
      if (!decision.allowed) return decision;
      const [result] = await db.insert(smsCodes).values({
        phoneHash,
        codeHash: codeHash(app, phone, code),
        ipHash,
        expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
        createdAt: now,
      });
      return { allowed: true as const, id: result.insertId };
    },
    readCommitted,
  );

  if (!recorded.allowed) {
    throw new AppError('SMS_TOO_FREQUENT', tooFrequentMessage(recorded.retryAt, now));
  }
  try {
    await provider.send(phone, code);
  } catch (error) {
    // The person never got this code: remove it, so it can neither be used nor hold up a retry.
    await app.db.delete(smsCodes).where(eq(smsCodes.id, recorded.id));
    request.log.warn(
      { provider: provider.name, providerCode: (error as { providerCode?: string }).providerCode },
      'SMS provider failed',
    );
    throw new AppError('SMS_SEND_FAILED');
  }
  return { cooldownSeconds: SMS_LIMITS.cooldownMs / 1000 };
}

/**
 * Checks a code against the latest one sent to the phone, holding that row locked (`FOR UPDATE`) until `tx`
 * ends, so a code is used once even when two checks race. A wrong code counts as a try (five use it up); a right
 * one is left for the caller to `consumeSmsCode` in the same transaction once it has done what the code allows.
 */
export async function checkSmsCode(
  tx: Executor,
  app: FastifyInstance,
  phone: string,
  code: string,
  now: Date,
): Promise<{ verdict: CodeCheck; codeId?: number }> {
  const [stored] = await tx
    .select()
    .from(smsCodes)
    .where(eq(smsCodes.phoneHash, app.cipher.hash(phone)))
    .orderBy(desc(smsCodes.id))
    .limit(1)
    .for('update');
  const verdict = checkCode(stored, !!stored && sameHash(stored.codeHash, codeHash(app, phone, code)), now);
  if (stored && verdict === 'wrong') {
    const attempts = stored.attempts + 1;
    await tx
      .update(smsCodes)
      .set({ attempts, ...(attempts >= SMS_MAX_WRONG_TRIES ? { consumedAt: now } : {}) })
      .where(eq(smsCodes.id, stored.id));
  }
  return { verdict, codeId: stored?.id };
}

/** Uses up an accepted code: it cannot be presented again. */
export async function consumeSmsCode(tx: Executor, codeId: number, now: Date): Promise<void> {
  await tx.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, codeId));
}

/** The refusal for a code that was not accepted. */
export function smsCodeRefusal(verdict: Exclude<CodeCheck, 'accepted'>): AppError {
  return new AppError(verdict === 'wrong' ? 'SMS_CODE_INVALID' : 'SMS_CODE_EXPIRED');
}

/** Checks and uses up the code, then signs the citizen with that phone in (creating the account on first sign-in). */
export async function verifySignInCode(
  app: FastifyInstance,
  request: FastifyRequest,
  phone: string,
  code: string,
): Promise<Session> {
  const now = new Date();
  const verdict = await inTransaction(app.db, async (tx) => {
    const { verdict, codeId } = await checkSmsCode(tx, app, phone, code, now);
    if (verdict === 'accepted' && codeId !== undefined) await consumeSmsCode(tx, codeId, now);
    return verdict;
  });

  if (verdict !== 'accepted') {
    await request.audit({ action: 'auth.sms.login_failed', detail: { reason: verdict } });
    throw smsCodeRefusal(verdict);
  }
  const { userId, created } = await signInByPhone(app, phone);
  const principal = await loadPrincipal(app, 'citizen', userId);
  if (!principal?.canSignIn) throw new AppError('ACCOUNT_DISABLED');
  await request.audit({
    action: 'auth.sms.login',
    targetType: 'user',
    targetId: userId,
    actor: { id: userId, role: principal.role },
    detail: { created },
  });
  return issueSession(app, principal);
}
