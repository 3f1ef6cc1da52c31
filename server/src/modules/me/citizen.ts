import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { preparedPerDatabase } from '../../db/prepared';
import { users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { requireCitizen } from '../../lib/guards';

export type UserRow = typeof users.$inferSelect;

const activeUser = preparedPerDatabase((db: Database) =>
  db
    .select()
    .from(users)
    .where(and(eq(users.id, sql.placeholder('id')), isNull(users.deletedAt)))
    .prepare(),
);

/**
 * The signed-in citizen's own row. Staff tokens get 403 FORBIDDEN. A token whose account was deleted
 * (`DELETE /me`) gets 401 INVALID_TOKEN: the account is gone, so the client must sign in again (which creates
 * a new, empty account), exactly as for any other token that no longer stands for a person.
 */
export async function requireActiveCitizen(db: Database, request: FastifyRequest): Promise<UserRow> {
  const { userId } = requireCitizen(request);
  const [user] = await activeUser(db).execute({ id: userId });
  if (!user) throw new AppError('INVALID_TOKEN');
  return user;
}

/** True when the user has stored a real-name identity. */
export function hasIdentity(user: Pick<UserRow, 'nameCipher' | 'idNumberCipher' | 'idNumberHash'>): boolean {
  return Boolean(user.nameCipher && user.idNumberCipher && user.idNumberHash);
}
