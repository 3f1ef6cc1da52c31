import jwt from '@fastify/jwt';
import {
  type Ability,
  abilitiesOf,
  abilityDenials,
  type CitizenKind,
  type OrgLevel,
  type StaffRole,
} from '@veterans/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/client';
import { preparedPerDatabase } from '../db/prepared';
import { authSessions, orgUnits, staffAccounts, users } from '../db/schema/index';
import { AppError } from '../lib/app-error';
import { Gate } from '../lib/gate';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * What a short-lived access token says: who (`sub`, `typ`) and which sign-in (`sid`). Nothing about rights:
 * role, unit and status are read from the database on every request.
 */
export interface AccessClaims {
  sub: string;
  typ: 'citizen' | 'staff';
  /** The session (refresh-token chain) the token was issued for; revoking it ends the token at once. */
  sid: string;
}

export type UserRow = typeof users.$inferSelect;

interface CallerBase {
  id: number;
  sessionId: string;
  abilities: ReadonlySet<Ability>;
}

/** A veteran or family member, with their own row as the database holds it now. */
export interface CitizenCaller extends CallerBase {
  type: 'citizen';
  role: CitizenKind;
  user: UserRow;
}

/** A staff member, lawyer or admin, as the database holds the account now. */
export interface StaffCaller extends CallerBase {
  type: 'staff';
  role: StaffRole;
  displayName: string;
  unitId: number;
  /** Materialised path of their unit (`/weidu/xidajie/`): their scope is this unit and every unit below it. */
  unitPath: string;
  unitLevel: OrgLevel;
  isSupervisor: boolean;
  mustChangePassword: boolean;
}

export type Caller = CitizenCaller | StaffCaller;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: resolves `request.principal` from the bearer token and the database, or answers 401/403. */
    authenticate: onRequestAsyncHookHandler;
    /** onRequest hook: `authenticate`, then 403 unless the caller has `ability` (see packages/shared abilities). */
    requireAbility(ability: Ability): onRequestAsyncHookHandler;
    signAccessToken(claims: AccessClaims): string;
  }
  interface FastifyRequest {
    /**
     * The signed-in caller, resolved once per request by `authenticate`; null on public routes. (Not named
     * `caller`: Fastify's request prototype is a function, whose `caller` strict mode forbids.)
     */
    principal: Caller | null;
  }
  interface FastifyContextConfig {
    /** Lets a staff member with a pending forced password change reach this route (the change itself, sign-out). */
    allowPendingPasswordChange?: boolean;
  }
}

const JWT_ERRORS: Record<string, 'UNAUTHORIZED' | 'TOKEN_EXPIRED'> = {
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'UNAUTHORIZED',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'TOKEN_EXPIRED',
};

// One primary-key read per request, prepared once: the account and, in the same statement, its session.
const sessionOf = (type: 'citizen' | 'staff', principalId: typeof users.id | typeof staffAccounts.id) =>
  and(
    eq(authSessions.id, sql.placeholder('sid')),
    eq(authSessions.principalType, type),
    eq(authSessions.principalId, principalId),
  );

const citizenRow = preparedPerDatabase((db: Database) =>
  db
    .select({ user: users, sessionRevokedAt: authSessions.revokedAt, sessionId: authSessions.id })
    .from(users)
    .leftJoin(authSessions, sessionOf('citizen', users.id))
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);

const staffRow = preparedPerDatabase((db: Database) =>
  db
    .select({
      active: staffAccounts.active,
      role: staffAccounts.role,
      displayName: staffAccounts.displayName,
      unitId: staffAccounts.unitId,
      isSupervisor: staffAccounts.isSupervisor,
      mustChangePassword: staffAccounts.mustChangePassword,
      unitPath: orgUnits.path,
      unitLevel: orgUnits.level,
      sessionRevokedAt: authSessions.revokedAt,
      sessionId: authSessions.id,
    })
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .leftJoin(authSessions, sessionOf('staff', staffAccounts.id))
    .where(eq(staffAccounts.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * The caller a verified token stands for, as the database says now. A deleted citizen or an unknown account
 * is not a person any more (401 INVALID_TOKEN); a disabled staff account is told so (403 ACCOUNT_DISABLED);
 * a revoked or unknown session is signed out (401 INVALID_TOKEN).
 */
export async function loadCaller(db: Database, claims: AccessClaims): Promise<Caller> {
  const id = Number(claims.sub);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('INVALID_TOKEN');
  const params = { id, sid: claims.sid };
  if (claims.typ === 'citizen') {
    const [row] = await citizenRow(db).execute(params);
    if (!row || row.user.deletedAt !== null) throw new AppError('INVALID_TOKEN');
    if (row.sessionId === null || row.sessionRevokedAt !== null) throw new AppError('INVALID_TOKEN');
    const role = row.user.kind;
    return {
      type: 'citizen',
      id,
      role,
      sessionId: claims.sid,
      user: row.user,
      abilities: abilitiesOf({ role, unitLevel: null, isSupervisor: false }),
    };
  }
  const [row] = await staffRow(db).execute(params);
  if (!row) throw new AppError('INVALID_TOKEN');
  if (!row.active) throw new AppError('ACCOUNT_DISABLED');
  if (row.sessionId === null || row.sessionRevokedAt !== null) throw new AppError('INVALID_TOKEN');
  const { active: _active, sessionRevokedAt: _revokedAt, sessionId: _sessionId, ...account } = row;
  return {
    type: 'staff',
    id,
    sessionId: claims.sid,
    ...account,
    abilities: abilitiesOf(account),
  };
}

/** The caller of an authenticated route (the hook has run). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.principal) throw new AppError('UNAUTHORIZED');
  return request.principal;
}

/** The signed-in citizen; staff tokens get 403. */
export function citizenOf(request: FastifyRequest): CitizenCaller {
  const caller = callerOf(request);
  if (caller.type !== 'citizen') throw new AppError('FORBIDDEN');
  return caller;
}

/** The signed-in staff account; citizens get 403. */
export function staffOf(request: FastifyRequest): StaffCaller {
  const caller = callerOf(request);
  if (caller.type !== 'staff') throw new AppError('FORBIDDEN');
  return caller;
}

/** 403 with the ability's own explanation unless the caller has it. */
export function assertAbility(caller: Caller, ability: Ability): void {
  if (!caller.abilities.has(ability)) throw new AppError('FORBIDDEN', abilityDenials[ability]);
}

async function callerPlugin(app: FastifyInstance) {
  await app.register(jwt, {
    secret: app.config.JWT_SECRET,
    sign: { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    // A token without an expiry or a session would never end: refuse it.
    verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'typ', 'sid'] },
  });

  app.decorate('signAccessToken', (claims: AccessClaims) => app.jwt.sign(claims));
  // Every authenticated request reads its caller first: a burst must wait its turn here, not overflow the pool.
  const lookups = new Gate(app.config.DATABASE_POOL_SIZE, 5000);
  app.decorateRequest('principal', null);

  async function authenticate(request: FastifyRequest): Promise<void> {
    if (request.principal) return;
    try {
      await request.jwtVerify();
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new AppError((code && JWT_ERRORS[code]) || 'INVALID_TOKEN');
    }
    const { typ, sid } = request.user;
    if ((typ !== 'citizen' && typ !== 'staff') || typeof sid !== 'string') throw new AppError('INVALID_TOKEN');
    const caller = await lookups.run(() => loadCaller(app.db, request.user));
    if (
      caller.type === 'staff' &&
      caller.mustChangePassword &&
      !request.routeOptions.config.allowPendingPasswordChange
    ) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    request.principal = caller;
  }

  app.decorate('authenticate', authenticate);
  app.decorate('requireAbility', (ability: Ability) => async (request: FastifyRequest) => {
    await authenticate(request);
    assertAbility(callerOf(request), ability);
  });
}

export default fp(callerPlugin, { name: 'signed-in-caller', dependencies: ['config', 'database'] });
