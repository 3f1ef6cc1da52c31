import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { ensureDatabase } from '../../db/client';
import { type FileStorage, StorageObjectNotFound } from '../uploads/storage';
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  decodeValue,
  definitionFile,
  knownMigrations,
  MANIFEST_FILE,
  type StoredValue,
  schemaRefusal,
  storedFile,
  tableFile,
} from './manifest';
import { baseTables, quoteName, RAW_VALUES } from './snapshot';

const INSERT_BATCH = 500;

async function readManifest(fromDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(fromDir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(
      `找不到 ${MANIFEST_FILE}：不是完整的备份（备份中断时不会写入清单）/ no ${MANIFEST_FILE} in ${fromDir}: not a complete backup`,
    );
  }
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) {
    throw new BackupError(`不认识的备份格式 / unknown backup format ${String(manifest.format)}`);
  }
  return manifest;
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file of the backup must match its checksum before anything is written. */
async function verifyBackup(fromDir: string, manifest: BackupManifest): Promise<void> {
  const expected: [string, string][] = [
    ...manifest.tables.flatMap((table): [string, string][] => [
      [tableFile(table.name), table.sha256],
      [definitionFile(table.name), table.definitionSha256],
    ]),
    ...manifest.files.map((file): [string, string] => [storedFile(file.key), file.sha256]),
  ];
  for (const [relative, checksum] of expected) {
    const actual = await fileSha256(path.join(fromDir, relative)).catch(() => 'missing');
    if (actual !== checksum) {
      throw new BackupError(`备份文件损坏或缺失 / backup file damaged or missing: ${relative}`);
    }
  }
}

async function storageRefusal(storage: FileStorage, localRoot: string | null, keys: string[]): Promise<string | null> {
  if (localRoot) {
    const entries = await readdir(localRoot).catch(() => []);
    if (entries.length > 0) return `目标文件目录不是空的 / the target upload directory is not empty: ${localRoot}`;
  }
  for (const key of keys) {
    try {
      (await storage.get(key)).destroy();
      return `目标存储中已有备份里的文件 / the target storage already holds ${key}`;
    } catch (error) {
      if (!(error instanceof StorageObjectNotFound)) throw error;
    }
  }
  return null;
}

/** Columns the server computes (GENERATED ALWAYS): restored by the server, never inserted. */
async function generatedColumns(connection: mysql.Connection, table: string): Promise<Set<string>> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COALESCE(GENERATION_EXPRESSION, '') <> ''`,
    [table],
  );
  return new Set(rows.map((row) => String(row.name)));
}

async function insertRows(connection: mysql.Connection, table: string, file: string): Promise<number> {
  const generated = await generatedColumns(connection, table);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let keep: number[] = [];
  let insert = '';
  let batch: unknown[][] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await connection.query(insert, [batch]);
    rows += batch.length;
    batch = [];
  };
  for await (const line of lines) {
    if (line === '') continue;
    const values = JSON.parse(line) as StoredValue[];
    if (insert === '') {
      const columns = values as string[];
      keep = columns.flatMap((column, index) => (generated.has(column) ? [] : [index]));
      insert = `INSERT INTO ${quoteName(table)} (${keep.map((index) => quoteName(columns[index] as string)).join(', ')}) VALUES ?`;
      continue;
    }
    batch.push(keep.map((index) => decodeValue(values[index] ?? null)));
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
  return rows;
}

export interface RestoreOptions {
  fromDir: string;
  databaseUrl: string;
  /** The storage backend itself (not the decrypting wrapper): files are written back as the ciphertext they were. */
  storage: FileStorage;
  /** UPLOAD_DIR when the storage is local disk (it must be empty), null for object storage. */
  localRoot: string | null;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  files: number;
}

/**
 * Restores a backup into an empty database and an empty storage. Refuses, before writing anything, a backup
 * whose files do not match the manifest, a snapshot from a schema newer than this release, a database that
 * has tables and a storage that has files. Tables are created from their definitions and filled in one
 * transaction; if that fails, the tables and files written are removed again, so a fixed run can start over.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { fromDir } = options;
  const manifest = await readManifest(fromDir);
  const refusedSchema = schemaRefusal(manifest.schema, knownMigrations());
  if (refusedSchema) throw new BackupError(refusedSchema);
  await verifyBackup(fromDir, manifest);

  await ensureDatabase(options.databaseUrl);
  const connection = await mysql.createConnection({ uri: options.databaseUrl, ...RAW_VALUES });
  const keys = manifest.files.map((file) => file.key);
  const created: string[] = [];
  const written: string[] = [];
  try {
    await connection.query("SET time_zone = '+00:00'");
    if ((await baseTables(connection)).length > 0) {
      throw new BackupError('目标数据库不是空的，请恢复到新建的空数据库 / the target database is not empty');
    }
    const refusedStorage = await storageRefusal(options.storage, options.localRoot, keys);
    if (refusedStorage) throw new BackupError(refusedStorage);

    try {
      for (const key of keys) {
        await options.storage.put(key, await readFile(path.join(fromDir, storedFile(key))));
        written.push(key);
      }
      await connection.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of manifest.tables) {
        await connection.query(await readFile(path.join(fromDir, definitionFile(table.name)), 'utf8'));
        created.push(table.name);
      }
      await connection.beginTransaction();
      let rows = 0;
      for (const table of manifest.tables) {
        const restored = await insertRows(connection, table.name, path.join(fromDir, tableFile(table.name)));
        if (restored !== table.rows) {
          throw new BackupError(
            `表 ${table.name} 行数与清单不符 / row count of ${table.name} differs from the manifest`,
          );
        }
        rows += restored;
      }
      await connection.commit();
      await connection.query('SET FOREIGN_KEY_CHECKS = 1');
      return { tables: manifest.tables.length, rows, files: written.length };
    } catch (error) {
      await connection.rollback().catch(() => {});
      for (const table of created) await connection.query(`DROP TABLE IF EXISTS ${quoteName(table)}`);
      for (const key of written) await options.storage.delete(key).catch(() => {});
      throw error;
    }
  } finally {
    await connection.end();
  }
}
