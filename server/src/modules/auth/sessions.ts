import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Session } from '@veterans/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authSessions, refreshTokens } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/caller';
import { accessClaimsOf, type Executor, loadPrincipal, type PrincipalRecord, type PrincipalType } from './principal';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const REFRESH_TOKEN_BYTES = 32;

/**
 * How long a just-rotated refresh token still answers with its successor. Real clients present one token
 * several times at once (two tabs, a request retried after its answer was lost on a bad network); that is not
 * theft. Short, so a copy presented later still revokes the chain.
 */
export const ROTATION_GRACE_MS = 30 * 1000;

/** Refresh tokens are random and long, so a plain SHA-256 is enough to keep them useless if the table leaks. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

export interface RefreshTokenRow {
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'valid' | 'retry' | 'reused' | 'invalid';

/**
 * What a presented refresh token is worth. Rotated within ROTATION_GRACE_MS it is a retry of the same
 * client; rotated longer ago it means a copy is in someone else's hands.
 */
export function refreshVerdict(row: RefreshTokenRow | undefined, now: Date): RefreshVerdict {
  if (!row || row.revokedAt) return 'invalid';
  if (row.rotatedAt) return now.getTime() - row.rotatedAt.getTime() < ROTATION_GRACE_MS ? 'retry' : 'reused';
  if (row.expiresAt.getTime() <= now.getTime()) return 'invalid';
  return 'valid';
}

/**
 * The successor of a refresh token, derived from it with the server's keyed hash instead of drawn at random:
 * a retry within the grace window can then be handed the very same token again without the plain token being
 * stored anywhere (the table keeps hashes only). Computing it takes the plain predecessor and the server key,
 * and a predecessor is only honoured for ROTATION_GRACE_MS after its rotation.
 */
function successorOf(app: FastifyInstance, token: string): string {
  return Buffer.from(app.cipher.hash(`refresh-token-successor:${token}`), 'hex').toString('base64url');
}

async function insertRefreshToken(
  db: Executor,
  principal: PrincipalRecord,
  chainId: string,
  now: Date,
  token = newRefreshToken(),
) {
  await db.insert(refreshTokens).values({
    tokenHash: hashRefreshToken(token),
    chainId,
    principalType: principal.type,
    principalId: principal.id,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    createdAt: now,
  });
  return token;
}

function sessionOf(app: FastifyInstance, principal: PrincipalRecord, chainId: string, refreshToken: string): Session {
  const { canSignIn: _canSignIn, ...user } = principal;
  return {
    accessToken: app.signAccessToken(accessClaimsOf(user, chainId)),
    accessTokenExpiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    user,
  };
}

/** A new sign-in: its session row, an access token naming it and the first refresh token of its chain. */
export async function issueSession(app: FastifyInstance, principal: PrincipalRecord, db: Executor = app.db) {
  const now = new Date();
  const chainId = await openSession(db, principal, now);
  const refreshToken = await insertRefreshToken(db, principal, chainId, now);
  return sessionOf(app, principal, chainId, refreshToken);
}

/** The session row access tokens name (`sid`); its id is the refresh-token chain's. */
export async function openSession(db: Executor, principal: Pick<PrincipalRecord, 'type' | 'id'>, now = new Date()) {
  const chainId = randomUUID();
  await db
    .insert(authSessions)
    .values({ id: chainId, principalType: principal.type, principalId: principal.id, createdAt: now });
  return chainId;
}

/** Ends one sign-in: its refresh tokens stop working, and its access tokens at their next request. */
export async function revokeChain(db: Executor, chainId: string, now = new Date()): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.id, chainId), isNull(authSessions.revokedAt)));
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.chainId, chainId), isNull(refreshTokens.revokedAt)));
}

/**
 * Signs a principal out everywhere (password change or reset, account disabled or deleted, role or unit
 * changed); returns how many sessions were still open.
 */
export async function revokeAllSessions(db: Executor, type: PrincipalType, id: number, now = new Date()) {
  const [result] = await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.principalType, type), eq(authSessions.principalId, id), isNull(authSessions.revokedAt)));
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(refreshTokens.principalType, type), eq(refreshTokens.principalId, id), isNull(refreshTokens.revokedAt)),
    );
  return result.affectedRows;
}

type RotationOutcome =
  | { kind: 'rotated'; session: Session }
  | { kind: 'reused'; principalType: PrincipalType; principalId: number; chainId: string }
  | { kind: 'invalid' };

/**
 * Exchanges a refresh token for a new session in the same chain. The row is locked (`SELECT … FOR UPDATE`),
 * so of concurrent refreshes with one token only the first rotates; the others, within ROTATION_GRACE_MS, get
 * the same successor token (and an access token of the same session). A rotated token presented later is
 * treated as theft: the whole chain is revoked.
 */
export async function rotateSession(app: FastifyInstance, request: FastifyRequest, token: string): Promise<Session> {
  const now = new Date();
  const outcome = await inTransaction(app.db, async (tx): Promise<RotationOutcome> => {
    // Find the row, then lock it by primary key: a locking read through the token_hash index would take a
    // next-key lock there, and a second refresh waiting on it would deadlock with this one's insert.
    const [found] = await tx
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
    if (!found) return { kind: 'invalid' };
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, found.id)).for('update');
    const verdict = refreshVerdict(row, now);
    if (!row || verdict === 'invalid') return { kind: 'invalid' };
    if (verdict === 'reused') {
      await revokeChain(tx, row.chainId, now);
      return { kind: 'reused', principalType: row.principalType, principalId: row.principalId, chainId: row.chainId };
    }
    const principal = await loadPrincipal(app, row.principalType, row.principalId, tx);
    if (!principal?.canSignIn) {
      await revokeChain(tx, row.chainId, now);
      return { kind: 'invalid' };
    }
    const successor = successorOf(app, token);
    if (verdict === 'retry') {
      // A locking read sees the successor the first refresh committed (a plain read could use an older
      // snapshot; MariaDB has no FOR SHARE). Gone or revoked (signed out meanwhile, or rotated before successors
      // were derived): invalid.
      const [next] = await tx
        .select({ revokedAt: refreshTokens.revokedAt })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, hashRefreshToken(successor)))
        .for('update');
      if (!next || next.revokedAt) return { kind: 'invalid' };
      return { kind: 'rotated', session: sessionOf(app, principal, row.chainId, successor) };
    }
    await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, row.id));
    await insertRefreshToken(tx, principal, row.chainId, now, successor);
    return { kind: 'rotated', session: sessionOf(app, principal, row.chainId, successor) };
  });

  if (outcome.kind === 'rotated') return outcome.session;
  if (outcome.kind === 'reused') {
    const principal = await loadPrincipal(app, outcome.principalType, outcome.principalId);
    await request.audit({
      action: 'auth.refresh.reused',
      targetType: outcome.principalType,
      targetId: outcome.principalId,
      detail: { chainId: outcome.chainId },
      actor: principal ? { id: principal.id, role: principal.role } : undefined,
    });
    throw new AppError('REFRESH_TOKEN_REUSED');
  }
  throw new AppError('REFRESH_TOKEN_INVALID');
}

/** Revokes the chain of a refresh token. Unknown or already revoked tokens are fine: sign-out is idempotent. */
export async function endSession(app: FastifyInstance, request: FastifyRequest, token: string): Promise<void> {
  const [row] = await app.db
    .select({
      chainId: refreshTokens.chainId,
      principalType: refreshTokens.principalType,
      principalId: refreshTokens.principalId,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  if (!row || row.revokedAt) return;
  await revokeChain(app.db, row.chainId);
  const principal = await loadPrincipal(app, row.principalType, row.principalId);
  await request.audit({
    action: 'auth.logout',
    targetType: row.principalType,
    targetId: row.principalId,
    actor: principal ? { id: principal.id, role: principal.role } : undefined,
  });
}
