import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import type { FieldCipher } from '../../lib/field-cipher';
import { normaliseName } from '../veterans/roster-match';

const BATCH = 500;

/**
 * Fills `users.name_hash`, the keyed hash staff search finds a full name by, for identities stored before it was
 * written with the name. The hash needs the data keys, so this cannot be SQL: it runs after the migrations, reads
 * names in batches by id, and once done finds nothing. A row is only written while it still holds the name that
 * was read, so an identity changed meanwhile keeps the hash its own write gave it.
 */
export async function backfillNameHashes(db: Database, cipher: Pick<FieldCipher, 'decrypt' | 'hash'>): Promise<number> {
  let filled = 0;
  for (let after = 0; ; ) {
    const rows = await db
      .select({ id: users.id, nameCipher: users.nameCipher })
      .from(users)
      .where(and(isNotNull(users.nameCipher), isNull(users.nameHash), gt(users.id, after)))
      .orderBy(asc(users.id))
      .limit(BATCH);
    const last = rows.at(-1);
    if (!last) return filled;
    await inTransaction(db, async (tx) => {
      for (const { id, nameCipher } of rows) {
        if (!nameCipher) continue;
        const [result] = await tx
          .update(users)
          .set({ nameHash: cipher.hash(normaliseName(cipher.decrypt(nameCipher, sealedIn(users.nameCipher, id)))) })
          .where(and(eq(users.id, id), eq(users.nameCipher, nameCipher), isNull(users.nameHash)));
        filled += result.affectedRows;
      }
    });
    after = last.id;
  }
}
