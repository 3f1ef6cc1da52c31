import { maskName, maskPhone, type Principal } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';
import { orgUnits, staffAccounts, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { AccessClaims } from '../../plugins/caller';

export type PrincipalType = Principal['type'];
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The pool or an open transaction: queries that must join a caller's transaction take either. */
export type Executor = Database | Transaction;

/** A principal plus whether it may still sign in (an active staff account, a user not deleted). */
export interface PrincipalRecord extends Principal {
  canSignIn: boolean;
}

export const WECHAT_USER_LABEL = '微信用户';

/** What a citizen is called on screen: their masked name once known, else their masked phone, else 微信用户. */
export function citizenDisplayName(name: string | null, phone: string | null): string {
  if (name) return maskName(name);
  if (phone) return maskPhone(phone);
  return WECHAT_USER_LABEL;
}

export function accessClaimsOf(principal: Pick<Principal, 'id' | 'type'>, sessionId: string): AccessClaims {
  return { sub: String(principal.id), typ: principal.type, sid: sessionId };
}

export async function loadPrincipal(
  app: FastifyInstance,
  type: PrincipalType,
  id: number,
  db: Executor = app.db,
): Promise<PrincipalRecord | null> {
  if (type === 'staff') {
    const [staff] = await db
      .select({
        displayName: staffAccounts.displayName,
        role: staffAccounts.role,
        unitId: staffAccounts.unitId,
        unitLevel: orgUnits.level,
        isSupervisor: staffAccounts.isSupervisor,
        mustChangePassword: staffAccounts.mustChangePassword,
        active: staffAccounts.active,
      })
      .from(staffAccounts)
      .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
      .where(eq(staffAccounts.id, id));
    if (!staff) return null;
    const { active, ...rest } = staff;
    return { id, type, ...rest, canSignIn: active };
  }
  const [user] = await db
    .select({
      kind: users.kind,
      nameCipher: users.nameCipher,
      phoneCipher: users.phoneCipher,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user) return null;
  const name = user.nameCipher ? app.cipher.decrypt(user.nameCipher, sealedIn(users.nameCipher, id)) : null;
  const phone = user.phoneCipher ? app.cipher.decrypt(user.phoneCipher, sealedIn(users.phoneCipher, id)) : null;
  return {
    id,
    type,
    role: user.kind,
    displayName: citizenDisplayName(name, phone),
    unitId: null,
    unitLevel: null,
    isSupervisor: false,
    mustChangePassword: false,
    canSignIn: user.deletedAt === null,
  };
}
