import { eq } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { FastifyInstance } from 'fastify';
import { users } from '../../db/schema/index';
import { writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';

export interface CitizenSignIn {
  userId: number;
  created: boolean;
}

type Lookup = { column: typeof users.openid | typeof users.phoneHash; value: string };

/**
 * Finds the citizen with this openid or phone, or creates one (a veteran until they say otherwise).
 * Two first sign-ins at once both try to insert; the unique key lets one win and the other finds its row.
 */
async function findOrCreate(
  app: FastifyInstance,
  { column, value }: Lookup,
  values: Partial<typeof users.$inferInsert>,
  sealed: ReadonlyArray<readonly [MySqlColumn, string]> = [],
): Promise<CitizenSignIn> {
  const find = async () => {
    const [user] = await app.db
      .select({ id: users.id, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(column, value));
    // A deleted account keeps nothing that identifies it; should one still match, it may not sign in again.
    if (user?.deletedAt) throw new AppError('ACCOUNT_DISABLED');
    return user;
  };
  const existing = await find();
  if (existing) return { userId: existing.id, created: false };
  try {
    // Encrypted fields are sealed to the row's id, known once it is inserted: both in one transaction.
    const userId = await inTransaction(app.db, async (tx) => {
      const [result] = await tx.insert(users).values({ kind: 'veteran', ...values });
      await writeSealed(tx, app.cipher, result.insertId, sealed);
      return result.insertId;
    });
    return { userId, created: true };
  } catch (error) {
    if (mysqlErrorCode(error) !== 'ER_DUP_ENTRY') throw error;
    const winner = await find();
    if (!winner) throw error;
    return { userId: winner.id, created: false };
  }
}

export function signInByOpenid(app: FastifyInstance, openid: string): Promise<CitizenSignIn> {
  return findOrCreate(app, { column: users.openid, value: openid }, { openid });
}

/** Phone sign-in (H5): the phone is stored encrypted and found through its keyed hash. */
export function signInByPhone(app: FastifyInstance, phone: string): Promise<CitizenSignIn> {
  const phoneHash = app.cipher.hash(phone);
  return findOrCreate(app, { column: users.phoneHash, value: phoneHash }, { phoneHash }, [[users.phoneCipher, phone]]);
}
