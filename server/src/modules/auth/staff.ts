import { randomBytes } from 'node:crypto';
import type { Session } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffAccounts } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { AFTER_SUCCESSFUL_SIGN_IN, afterFailedSignIn, isLocked, type LockState, lockedMessage } from './lockout';
import { loadPrincipal } from './principal';
import { issueSession, revokeAllSessions } from './sessions';

let dummyHash: Promise<string> | undefined;
/** Verified against when the username is unknown, so that case takes as long as a wrong password. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

type Attempt = { refused: LockState } | { pending: LockState };

/**
 * Counts a password attempt as failed before the (slow) check, under a short row lock, so that a burst of
 * parallel guesses cannot get more than five checks in: the sixth finds the account locked. A right
 * password then clears the count.
 */
async function beginAttempt(app: FastifyInstance, staffId: number, now: Date): Promise<Attempt> {
  return app.db.transaction(async (tx) => {
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
  const failed = (reason: string, staffId?: number, extra: Record<string, unknown> = {}) =>
    request.audit({
      action: 'auth.staff.login_failed',
      targetType: 'staff',
      targetId: staffId,
      detail: { username, reason, ...extra },
    });

  const [account] = await app.db
    .select({ id: staffAccounts.id, passwordHash: staffAccounts.passwordHash, active: staffAccounts.active })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, username));
  if (!account) {
    await verifyPassword(await dummyPasswordHash(), password);
    await failed('unknown-username');
    throw new AppError('INVALID_CREDENTIALS');
  }

  const attempt = await beginAttempt(app, account.id, now);
  if ('refused' in attempt) {
    await failed('locked', account.id);
    throw lockedError(attempt.refused, now);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const locked = isLocked(attempt.pending, now);
    await failed('wrong-password', account.id, { failedAttempts: attempt.pending.failedAttempts, locked });
    throw locked ? lockedError(attempt.pending, now) : new AppError('INVALID_CREDENTIALS');
  }

  await app.db
    .update(staffAccounts)
    .set({ ...AFTER_SUCCESSFUL_SIGN_IN, ...(account.active ? { lastLoginAt: now } : {}) })
    .where(eq(staffAccounts.id, account.id));
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
  const session = await app.db.transaction(async (tx) => {
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
