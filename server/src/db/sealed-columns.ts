import { getTableName, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { FieldCipher, FieldSlot } from '../lib/field-cipher';
import type { Database } from './client';
import {
  homeFilingRequests,
  homeVisits,
  identityDisputes,
  legalBookings,
  legalConsultationRecords,
  legalWaitlist,
  requestMessages,
  serviceRequests,
  users,
  veteranRoster,
} from './schema/index';

/** Where a value of `column` in row `rowId` lives: the associated data its ciphertext is sealed to. */
export function sealedIn(column: MySqlColumn, rowId: number): FieldSlot {
  return { table: getTableName(column.table), column: column.name, rowId };
}

/**
 * Encrypts each plain value into its column of row `rowId` (all columns of one table). A ciphertext is sealed to
 * its row's id, which an insert only learns from the database: insert the row without the sealed values, then call
 * this in the same transaction.
 */
export async function writeSealed(
  db: Pick<Database, 'execute'>,
  cipher: Pick<FieldCipher, 'encrypt'>,
  rowId: number,
  values: ReadonlyArray<readonly [MySqlColumn, string]>,
): Promise<void> {
  const [first] = values;
  if (!first) return;
  const assignments = values.map(
    ([column, plain]) => sql`${sql.identifier(column.name)} = ${cipher.encrypt(plain, sealedIn(column, rowId))}`,
  );
  await db.execute(sql`UPDATE ${first[0].table} SET ${sql.join(assignments, sql`, `)} WHERE id = ${rowId}`);
}

/** Every column that holds field ciphertexts, with its table's id: what `cli reencrypt-fields` rewrites. */
export const SEALED_COLUMNS = [
  { id: users.id, column: users.phoneCipher },
  { id: users.id, column: users.nameCipher },
  { id: users.id, column: users.idNumberCipher },
  { id: users.id, column: users.counterPhoneCipher },
  { id: veteranRoster.id, column: veteranRoster.idNumberCipher },
  { id: veteranRoster.id, column: veteranRoster.nameCipher },
  { id: veteranRoster.id, column: veteranRoster.phoneCipher },
  { id: identityDisputes.id, column: identityDisputes.idNumberCipher },
  { id: identityDisputes.id, column: identityDisputes.nameCipher },
  { id: serviceRequests.id, column: serviceRequests.formCipher },
  { id: requestMessages.id, column: requestMessages.bodyCipher },
  { id: homeVisits.id, column: homeVisits.findingsCipher },
  { id: homeFilingRequests.id, column: homeFilingRequests.addressCipher },
  { id: homeFilingRequests.id, column: homeFilingRequests.contactPhoneCipher },
  { id: homeFilingRequests.id, column: homeFilingRequests.reasonNoteCipher },
  { id: homeFilingRequests.id, column: homeFilingRequests.findingsCipher },
  { id: legalBookings.id, column: legalBookings.description },
  { id: legalWaitlist.id, column: legalWaitlist.description },
  { id: legalConsultationRecords.id, column: legalConsultationRecords.summaryCipher },
  { id: legalConsultationRecords.id, column: legalConsultationRecords.adviceCipher },
] as const;
