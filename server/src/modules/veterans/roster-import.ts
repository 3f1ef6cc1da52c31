import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { claimGuards } from '../../db/guards';
import { orgUnits, rosterImports, staffAccounts, veteranRoster } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import type { StaffCaller } from '../../plugins/caller';
import { isDistrictWide, scopeCondition } from '../org-units/scope';
import { readRosterFile } from './roster-file';
import { verifyPendingUsersFromRoster } from './roster-match';
import {
  chinaToday,
  classifyRosterRows,
  type ExistingRosterRow,
  type HashedRosterRow,
  type RosterRejection,
  rosterRecords,
  rowsInScope,
  validateRosterRecords,
} from './roster-rows';

export interface RosterImportReport {
  importId: number;
  fileName: string;
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: RosterRejection[];
  /** Veterans who were waiting for verification and now match the roster. */
  verifiedUsers: number;
}

/** Imports run one at a time: the second waits for the first, or on another Galera node is rerun after it. */
const ROSTER_IMPORT_GUARD = 'veteran-roster-import';
const BATCH = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Imports the bureau's veteran roster. Names and ID numbers are stored encrypted with keyed hashes; a row
 * already held exactly so is left alone, so importing the same file twice changes nothing. Imports run one at a
 * time across all API instances and Galera nodes (a conflict guard, db/guards.ts), each in one transaction: a failure leaves no half import.
 */
export async function importRoster(
  db: Database,
  cipher: FieldCipher,
  importer: Pick<StaffCaller, 'id' | 'unitId' | 'unitPath'>,
  upload: { buffer: Buffer; fileName: string },
): Promise<RosterImportReport> {
  const records = rosterRecords(await readRosterFile(upload.buffer));
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.active, true));
  const { valid, rejections: invalid } = validateRosterRecords(records, units, chinaToday());
  const hashed: HashedRosterRow[] = valid.map((row) => ({
    ...row,
    idNumberHash: cipher.hash(row.idNumber),
    nameHash: cipher.hash(row.name),
    phoneHash: row.phone ? cipher.hash(row.phone) : row.phone,
  }));
  const fileName = upload.fileName.slice(0, 255) || 'roster';

  return inTransaction(db, async (tx) => {
    await claimGuards(tx, [ROSTER_IMPORT_GUARD]);
    const existing = new Map<string, ExistingRosterRow>();
    for (const batch of chunks(hashed, BATCH)) {
      const rows = await tx
        .select({
          id: veteranRoster.id,
          idNumberHash: veteranRoster.idNumberHash,
          nameHash: veteranRoster.nameHash,
          phoneHash: veteranRoster.phoneHash,
          dischargeDate: veteranRoster.dischargeDate,
          communityUnitId: veteranRoster.communityUnitId,
        })
        .from(veteranRoster)
        .where(
          inArray(
            veteranRoster.idNumberHash,
            batch.map((row) => row.idNumberHash),
          ),
        );
      for (const row of rows) existing.set(row.idNumberHash, row);
    }
    const unitPaths = new Map(units.map((unit) => [unit.id, unit.path]));
    const scoped = rowsInScope(hashed, existing, unitPaths, importer.unitPath);
    const rejections = [...invalid, ...scoped.rejections].sort((a, b) => a.row - b.row);
    const { added, updated, unchanged } = classifyRosterRows(scoped.kept, existing);

    const [created] = await tx.insert(rosterImports).values({
      fileName,
      importedBy: importer.id,
      unitId: importer.unitId,
      totalRows: records.length,
      addedRows: added.length,
      unchangedRows: unchanged,
      rejectedRows: rejections.length,
      rejections,
    });
    const importId = created.insertId;

    for (const batch of chunks(added, BATCH)) {
      await tx.insert(veteranRoster).values(
        batch.map((row) => ({
          idNumberHash: row.idNumberHash,
          // Sealed to the row's id just below, once the insert has given it one.
          idNumberCipher: '',
          nameCipher: '',
          nameHash: row.nameHash,
          phoneHash: row.phoneHash ?? null,
          dischargeDate: row.dischargeDate,
          communityUnitId: row.communityUnitId,
          importId,
        })),
      );
      const ids = await tx
        .select({ id: veteranRoster.id, idNumberHash: veteranRoster.idNumberHash })
        .from(veteranRoster)
        .where(
          inArray(
            veteranRoster.idNumberHash,
            batch.map((row) => row.idNumberHash),
          ),
        );
      const idOf = new Map(ids.map((row) => [row.idNumberHash, row.id]));
      for (const row of batch) {
        await writeSealed(tx, cipher, idOf.get(row.idNumberHash) ?? 0, [
          [veteranRoster.idNumberCipher, row.idNumber],
          [veteranRoster.nameCipher, row.name],
          ...(row.phone ? ([[veteranRoster.phoneCipher, row.phone]] as const) : []),
        ]);
      }
    }
    for (const row of updated) {
      await tx
        .update(veteranRoster)
        .set({
          nameCipher: cipher.encrypt(row.name, sealedIn(veteranRoster.nameCipher, row.existingId)),
          nameHash: row.nameHash,
          ...(row.phone === undefined
            ? {}
            : {
                phoneHash: row.phoneHash ?? null,
                phoneCipher: row.phone
                  ? cipher.encrypt(row.phone, sealedIn(veteranRoster.phoneCipher, row.existingId))
                  : null,
              }),
          dischargeDate: row.dischargeDate,
          communityUnitId: row.communityUnitId,
          importId,
        })
        .where(eq(veteranRoster.id, row.existingId));
    }
    const verifiedUsers = await verifyPendingUsersFromRoster(tx, cipher, new Date());

    return {
      importId,
      fileName,
      total: records.length,
      added: added.length,
      updated: updated.length,
      unchanged,
      rejected: rejections.length,
      rejections,
      verifiedUsers,
    };
  });
}

export interface RosterImportSummary {
  id: number;
  fileName: string;
  importedBy: { id: number; displayName: string | null };
  createdAt: string;
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The imports of the admin's subtree (a street admin sees its own; the district all). */
function importsInScope(admin: Pick<StaffCaller, 'unitPath' | 'unitLevel'>): SQL | undefined {
  if (isDistrictWide(admin)) return undefined;
  return scopeCondition(admin, orgUnits.path);
}

/** Recent imports of the admin's subtree, newest first, with their counts (updated rows are the rest). */
export async function listRosterImports(
  db: Database,
  admin: Pick<StaffCaller, 'unitPath' | 'unitLevel'>,
  page: { limit: number; offset: number },
): Promise<{ items: RosterImportSummary[]; total: number }> {
  const where = importsInScope(admin);
  const rows = await db
    .select({
      id: rosterImports.id,
      fileName: rosterImports.fileName,
      importedById: rosterImports.importedBy,
      importedByName: staffAccounts.displayName,
      createdAt: rosterImports.createdAt,
      total: rosterImports.totalRows,
      added: rosterImports.addedRows,
      unchanged: rosterImports.unchangedRows,
      rejected: rosterImports.rejectedRows,
    })
    .from(rosterImports)
    .leftJoin(staffAccounts, eq(staffAccounts.id, rosterImports.importedBy))
    .leftJoin(orgUnits, eq(orgUnits.id, rosterImports.unitId))
    .where(where)
    .orderBy(desc(rosterImports.createdAt), desc(rosterImports.id))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await db
    .select({ n: sql<number>`count(*)` })
    .from(rosterImports)
    .leftJoin(orgUnits, eq(orgUnits.id, rosterImports.unitId))
    .where(where);
  return {
    total: Number(counted?.n ?? 0),
    items: rows.map((row) => ({
      id: row.id,
      fileName: row.fileName,
      importedBy: { id: row.importedById, displayName: row.importedByName },
      createdAt: row.createdAt.toISOString(),
      total: row.total,
      added: row.added,
      updated: row.total - row.added - row.unchanged - row.rejected,
      unchanged: row.unchanged,
      rejected: row.rejected,
    })),
  };
}

/** One import of the admin's subtree with its row-by-row rejections. */
export async function getRosterImport(
  db: Database,
  admin: Pick<StaffCaller, 'unitPath' | 'unitLevel'>,
  importId: number,
) {
  const [found] = await db
    .select({ row: rosterImports })
    .from(rosterImports)
    .leftJoin(orgUnits, eq(orgUnits.id, rosterImports.unitId))
    .where(and(eq(rosterImports.id, importId), importsInScope(admin)));
  const row = found?.row;
  if (!row) throw new AppError('NOT_FOUND', '导入记录不存在');
  return {
    id: row.id,
    fileName: row.fileName,
    createdAt: row.createdAt.toISOString(),
    total: row.totalRows,
    added: row.addedRows,
    updated: row.totalRows - row.addedRows - row.unchangedRows - row.rejectedRows,
    unchanged: row.unchangedRows,
    rejected: row.rejectedRows,
    rejections: row.rejections,
  };
}
