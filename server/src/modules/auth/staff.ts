import { randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '@veterans/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffAccounts, staffSignInFailures } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import {
  AFTER_SUCCESSFUL_SIGN_IN,
  afterFailedSignIn,
  failureDelayMs,
  isLocked,
  type LockState,
  lockedMessage,
  MAX_FAILED_SIGN_INS,
  MAX_FAILED_SIGN_INS_PER_NAME,
} from './lockout';
import { loadPrincipal } from './principal';
import { issueSession, revokeAllSessions } from './sessions';
import { ALL_ADDRESSES, signInLock } from './sign-in-lock';

let dummyHash: Promise<string> | undefined;
/** Verified against when the username is unknown, so that case takes as long as a wrong password. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

type Attempt = { refused: LockState } | { pending: LockState };

// ---------------------------------------------------------------------------------------------------------------
// Sign-in failures per typed name and client address (the rules: lockout.ts)

/**
 * The address a sign-in counts against: IPv4 as it is, IPv6 by its /64 (one client gets a whole /64 and can
 * pick any address in it).
 */
export function clientPattern(ip: string): string {
  const v4 = ip.replace(/^::ffff:/i, '');
  if (isIPv4(v4)) return v4;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, '0'))
    .join(':')}::/64`;
}

/** The `name_hash` of a typed name's counter rows (letter case aside, as usernames compare). */
export function signInNameHash(app: FastifyInstance, username: string): string {
  return app.cipher.hash(`staff-sign-in-name:${username.toLowerCase()}`);
}

/** The counter rows of a typed name: for all addresses (client '') and for this address. */
export function signInCounterKeys(app: FastifyInstance, username: string, ip: string) {
  const nameHash = signInNameHash(app, username);
  return {
    nameHash,
    overall: ALL_ADDRESSES,
    client: app.cipher.hash(`staff-sign-in-client:${clientPattern(ip)}`),
  };
}

type SignInKeys = ReturnType<typeof signInCounterKeys>;
type SignInAttempt = { refused: LockState } | { pending: LockState; failuresFromClient: number };

/**
 * Counts a sign-in as failed before the (slow) password check, under short row locks, so that a burst of
 * parallel guesses from one address cannot get more than five checks in: the sixth finds the pair locked.
 * The same for a known and an unknown name. A right password then clears the counts.
 */
async function beginSignIn(app: FastifyInstance, keys: SignInKeys, now: Date): Promise<SignInAttempt> {
  // The rows exist before the transaction (each statement on its own), so it only locks rows that are there,
  // in primary-key order: concurrent sign-ins wait on each other instead of deadlocking on inserts.
  await app.db
    .insert(staffSignInFailures)
    .ignore()
    .values([
      { nameHash: keys.nameHash, clientHash: keys.overall, updatedAt: now },
      { nameHash: keys.nameHash, clientHash: keys.client, updatedAt: now },
    ]);
  return inTransaction(app.db, async (tx) => {
    const rows = await tx
      .select()
      .from(staffSignInFailures)
      .where(
        and(
          eq(staffSignInFailures.nameHash, keys.nameHash),
          inArray(staffSignInFailures.clientHash, [keys.overall, keys.client]),
        ),
      )
      .orderBy(asc(staffSignInFailures.clientHash))
      .for('update');
    const overall = rows.find((row) => row.clientHash === keys.overall) ?? AFTER_SUCCESSFUL_SIGN_IN;
    const client = rows.find((row) => row.clientHash === keys.client) ?? AFTER_SUCCESSFUL_SIGN_IN;
    const inForce = signInLock(rows, now, keys.client);
    if (inForce) return { refused: inForce };
    const pending = {
      overall: afterFailedSignIn(overall, now, MAX_FAILED_SIGN_INS_PER_NAME),
      client: afterFailedSignIn(client, now, MAX_FAILED_SIGN_INS),
    };
    for (const [clientHash, state] of [
      [keys.overall, pending.overall],
      [keys.client, pending.client],
    ] as const) {
      await tx
        .update(staffSignInFailures)
        .set({ ...state, updatedAt: now })
        .where(and(eq(staffSignInFailures.nameHash, keys.nameHash), eq(staffSignInFailures.clientHash, clientHash)));
    }
    const locked = signInLock(
      [
        { clientHash: keys.overall, ...pending.overall },
        { clientHash: keys.client, ...pending.client },
      ],
      now,
      keys.client,
    );
    return { pending: locked ?? pending.client, failuresFromClient: pending.client.failedAttempts };
  });
}

/** A right password: this address starts afresh, and so does the name overall (its owner just proved it). */
async function clearSignInFailures(app: FastifyInstance, keys: SignInKeys): Promise<void> {
  await app.db
    .delete(staffSignInFailures)
    .where(
      and(
        eq(staffSignInFailures.nameHash, keys.nameHash),
        inArray(staffSignInFailures.clientHash, [keys.overall, keys.client]),
      ),
    );
}

/**
 * An administrator's password reset or unlock lets the account in again from everywhere; the number of counter
 * rows cleared.
 */
export async function forgetSignInFailures(app: FastifyInstance, username: string): Promise<number> {
  const [result] = await app.db
    .delete(staffSignInFailures)
    .where(eq(staffSignInFailures.nameHash, signInNameHash(app, username)));
  return result.affectedRows;
}

/**
 * Counts a password attempt as failed before the (slow) check, under a short row lock, so that a burst of
 * parallel guesses cannot get more than five checks in: the sixth finds the account locked. A right
 * password then clears the count. (Changing one's password, signed in: counted on the account itself.)
 */
async function beginAttempt(app: FastifyInstance, staffId: number, now: Date): Promise<Attempt> {
  return inTransaction(app.db, async (tx) => {
    const [state] = await tx
      .select({ failedAttempts: staffAccounts.failedAttempts, lockedUntil: staffAccounts.lockedUntil })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, staffId))
      .for('update');
    if (!state) throw new AppError('INVALID_CREDENTIALS');
    if (isLocked(state, now)) return { refused: state };
    const pending = afterFailedSignIn(state, now);
    await tx.update(staffAccounts).set(pending).where(eq(staffAccounts.id, staffId));
    return { pending };
  });
}

function lockedError(state: LockState, now: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', lockedMessage(state.lockedUntil as Date, now));
}

export interface StaffCredentials {
  username: string;
  password: string;
}

export async function staffLogin(
  app: FastifyInstance,
  request: FastifyRequest,
  { username, password }: StaffCredentials,
): Promise<Session> {
  const now = new Date();
  // What was typed is recorded only when it is an account's name: people type passwords into the name field.
  const failed = (reason: string, staffId?: number, extra: Record<string, unknown> = {}) =>
    request.audit({
      action: 'auth.staff.login_failed',
      targetType: 'staff',
      targetId: staffId,
      detail: { ...(staffId === undefined ? {} : { username }), reason, ...extra },
    });

  // An unknown name takes the same path as a known one (counted, checked against a dummy hash, slowed down,
  // locked), so neither the answer nor its timing tells whether the name exists.
  const [account] = await app.db
    .select({ id: staffAccounts.id, passwordHash: staffAccounts.passwordHash, active: staffAccounts.active })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, username));
  const keys = signInCounterKeys(app, username, request.ip);
  const attempt = await beginSignIn(app, keys, now);
  if ('refused' in attempt) {
    await failed('locked', account?.id);
    throw lockedError(attempt.refused, now);
  }
  const right = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !right) {
    const locked = isLocked(attempt.pending, now);
    await sleep(failureDelayMs(attempt.failuresFromClient, app.config.STAFF_SIGN_IN_DELAY_MS));
    if (account) {
      await failed('wrong-password', account.id, { failedAttempts: attempt.failuresFromClient, locked });
    } else {
      await failed('unknown-username');
    }
    throw locked ? lockedError(attempt.pending, now) : new AppError('INVALID_CREDENTIALS');
  }

  await clearSignInFailures(app, keys);
  if (account.active) {
    await app.db.update(staffAccounts).set({ lastLoginAt: now }).where(eq(staffAccounts.id, account.id));
  }
  if (!account.active) {
    await failed('disabled', account.id);
    throw new AppError('ACCOUNT_DISABLED');
  }
  const principal = await loadPrincipal(app, 'staff', account.id);
  if (!principal) throw new AppError('INVALID_CREDENTIALS');
  await request.audit({
    action: 'auth.staff.login',
    targetType: 'staff',
    targetId: account.id,
    actor: { id: account.id, role: principal.role },
    detail: { mustChangePassword: principal.mustChangePassword },
  });
  return issueSession(app, principal);
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/**
 * A staff member sets a new password (required after an account is created or reset). Every other session
 * of the account ends; the caller gets a fresh one without the pending-change flag.
 */
export async function changeStaffPassword(
  app: FastifyInstance,
  request: FastifyRequest,
  staffId: number,
  { currentPassword, newPassword }: PasswordChange,
): Promise<Session> {
  const now = new Date();
  const [account] = await app.db
    .select({ passwordHash: staffAccounts.passwordHash, active: staffAccounts.active })
    .from(staffAccounts)
    .where(eq(staffAccounts.id, staffId));
  if (!account) throw new AppError('INVALID_TOKEN');
  if (!account.active) throw new AppError('ACCOUNT_DISABLED');

  const attempt = await beginAttempt(app, staffId, now);
  if ('refused' in attempt) throw lockedError(attempt.refused, now);
  if (!(await verifyPassword(account.passwordHash, currentPassword))) {
    const locked = isLocked(attempt.pending, now);
    await request.audit({
      action: 'auth.staff.password_change_failed',
      targetType: 'staff',
      targetId: staffId,
      detail: { failedAttempts: attempt.pending.failedAttempts, locked },
    });
    if (locked) throw lockedError(attempt.pending, now);
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', [
      { path: 'body.currentPassword', message: '当前密码不正确' },
    ]);
  }
  await app.db.update(staffAccounts).set(AFTER_SUCCESSFUL_SIGN_IN).where(eq(staffAccounts.id, staffId));
  if (newPassword === currentPassword) throw new AppError('PASSWORD_REUSED');

  const passwordHash = await hashPassword(newPassword);
  const session = await inTransaction(app.db, async (tx) => {
    await tx
      .update(staffAccounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now })
      .where(eq(staffAccounts.id, staffId));
    await revokeAllSessions(tx, 'staff', staffId, now);
    const principal = await loadPrincipal(app, 'staff', staffId, tx);
    if (!principal) throw new AppError('INVALID_TOKEN');
    return issueSession(app, principal, tx);
  });
  await request.audit({ action: 'auth.staff.password_changed', targetType: 'staff', targetId: staffId });
  return session;
}
