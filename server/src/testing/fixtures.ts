import { idNumberCheckCharacter, type StaffRole } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { orgUnits, staffAccounts, users } from '../db/schema/index';
import { writeSealed } from '../db/sealed-columns';
import { hashPassword } from '../lib/passwords';
import { accessClaimsOf } from '../modules/auth/principal';
import { openSession } from '../modules/auth/sessions';

/** Test data helpers: rows made directly, so a feature's tests do not depend on the sign-in flows. */

export async function unitIdByCode(app: FastifyInstance, code: string): Promise<number> {
  const [unit] = await app.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code));
  if (!unit) throw new Error(`No unit ${code}; seed demo data first`);
  return unit.id;
}

export interface StaffFixture {
  id: number;
  username: string;
  password: string;
  unitId: number;
  token: string;
}

let counter = 0;
const uniqueSuffix = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createStaff(
  app: FastifyInstance,
  { role = 'staff', unitCode = 'weidu', mustChangePassword = false, isSupervisor = false } = {} as {
    role?: StaffRole;
    unitCode?: string;
    mustChangePassword?: boolean;
    isSupervisor?: boolean;
  },
): Promise<StaffFixture> {
  const unitId = await unitIdByCode(app, unitCode);
  const username = `${role}${uniqueSuffix()}`;
  const password = 'Test-Passw0rd!';
  const [result] = await app.db.insert(staffAccounts).values({
    username,
    displayName: `测试${role}`,
    passwordHash: await hashPassword(password),
    role,
    unitId,
    isSupervisor,
    mustChangePassword,
  });
  const id = result.insertId;
  return { id, username, password, unitId, token: await sessionToken(app, 'staff', id) };
}

export interface CitizenFixture {
  id: number;
  token: string;
}

/** A signed-in citizen without identity; pass `identity` to store an encrypted real-name identity too. */
export async function createCitizen(
  app: FastifyInstance,
  options: {
    kind?: 'veteran' | 'family';
    identity?: { name: string; idNumber: string };
    /** A phone the account has proven (as an SMS sign-in or WeChat's phone API leaves it). */
    phone?: string;
    communityCode?: string;
    veteranStatus?: 'none' | 'pending' | 'verified';
  } = {},
): Promise<CitizenFixture> {
  const kind = options.kind ?? 'veteran';
  const identity = options.identity;
  const [result] = await app.db.insert(users).values({
    kind,
    openid: `openid-${uniqueSuffix()}`,
    nameHash: identity ? app.cipher.hash(identity.name) : null,
    idNumberHash: identity ? app.cipher.hash(identity.idNumber) : null,
    phoneHash: options.phone ? app.cipher.hash(options.phone) : null,
    veteranStatus: options.veteranStatus ?? 'none',
    communityUnitId: options.communityCode ? await unitIdByCode(app, options.communityCode) : null,
  });
  const id = result.insertId;
  await writeSealed(app.db, app.cipher, id, [
    ...(identity
      ? ([
          [users.nameCipher, identity.name],
          [users.idNumberCipher, identity.idNumber],
        ] as const)
      : []),
    ...(options.phone ? ([[users.phoneCipher, options.phone]] as const) : []),
  ]);
  return { id, token: await sessionToken(app, 'citizen', id) };
}

/** An access token of a new session of this principal, as a sign-in would issue it. */
export async function sessionToken(app: FastifyInstance, type: 'citizen' | 'staff', id: number): Promise<string> {
  const sessionId = await openSession(app.db, { type, id });
  return app.signAccessToken(accessClaimsOf({ type, id }, sessionId));
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** A valid (check digit and all) but made-up ID number; `sequence` keeps them distinct. */
export function testIdNumber(sequence: number, birthDate = '19650315', region = '411002'): string {
  const first17 = `${region}${birthDate}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
