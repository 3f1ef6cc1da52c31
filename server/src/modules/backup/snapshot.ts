import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mysqlCore from 'mysql2';
import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { type FileStorage, StorageObjectNotFound } from '../uploads/storage';
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  definitionFile,
  encodeValue,
  type FileEntry,
  knownMigrations,
  MANIFEST_FILE,
  schemaVersionOf,
  sha256,
  storedFile,
  type TableEntry,
  tableFile,
} from './manifest';

/** Text, numbers and dates as the server writes them (no time-zone or float conversion on the way). */
export const RAW_VALUES: mysql.ConnectionOptions = {
  timezone: 'Z',
  dateStrings: true,
  supportBigNumbers: true,
  bigNumberStrings: true,
  decimalNumbers: false,
  jsonStrings: true,
};

export const quoteName = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** Base tables of the connection's database, by name. */
export async function baseTables(connection: mysql.Connection): Promise<string[]> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  );
  return rows.map((row) => String(row.name));
}

/** The columns rows are ordered by: the primary key, else every column (so a dump is the same twice). */
async function orderColumns(connection: mysql.Connection, table: string): Promise<string[]> {
  const [key] = await connection.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX`,
    [table],
  );
  if (key.length > 0) return key.map((row) => String(row.name));
  const [columns] = await connection.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [table],
  );
  return columns.map((row) => String(row.name));
}

/**
 * Streams a table's rows as JSON lines (first line: the column names), ordered by its primary key, hashing as it
 * writes. Runs inside the caller's snapshot transaction.
 */
export async function dumpTable(
  connection: mysql.Connection,
  /** The same connection's callback interface, which streams. */
  streaming: mysqlCore.Connection,
  table: string,
  target: string,
): Promise<{ rows: number; sha256: string }> {
  const order = (await orderColumns(connection, table)).map(quoteName).join(', ');
  const query = streaming.query({
    sql: `SELECT * FROM ${quoteName(table)} ORDER BY ${order}`,
    rowsAsArray: true,
  });
  const hash = createHash('sha256');
  let rows = 0;
  let header: string | null = null;
  query.on('fields', (fields: { name: string }[]) => {
    header = `${JSON.stringify(fields.map((field) => field.name))}\n`;
  });
  const toLines = new Transform({
    writableObjectMode: true,
    transform(row: unknown[], _encoding, done) {
      try {
        let text = `${JSON.stringify(row.map(encodeValue))}\n`;
        if (rows === 0 && header !== null) text = header + text;
        rows += 1;
        hash.update(text);
        done(null, text);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      if (rows === 0 && header !== null) {
        hash.update(header);
        this.push(header);
      }
      done();
    },
  });
  await pipeline(query.stream(), toLines, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  return { rows, sha256: hash.digest('hex') };
}

async function assertEmptyDirectory(directory: string): Promise<void> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new BackupError(`备份目录不是空的 / the backup directory is not empty: ${directory}`);
  }
}

/** Copies one stored object as it is at rest (ciphertext), hashing it on the way. */
async function copyStoredObject(storage: FileStorage, key: string, outDir: string): Promise<FileEntry | null> {
  let source: Awaited<ReturnType<FileStorage['get']>>;
  try {
    source = await storage.get(key);
  } catch (error) {
    if (error instanceof StorageObjectNotFound) return null;
    throw error;
  }
  const target = path.join(outDir, storedFile(key));
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, measure, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  return { key, bytes, sha256: hash.digest('hex') };
}

export interface BackupOptions {
  databaseUrl: string;
  /** The storage backend itself (not the decrypting wrapper): files are copied as ciphertext. */
  storage: FileStorage;
  storageKind: BackupManifest['storage'];
  outDir: string;
  now?: Date;
}

/**
 * A consistent snapshot of the database and the stored files. Every table, the row counts and the list of
 * storage keys are read in one REPEATABLE READ transaction started WITH CONSISTENT SNAPSHOT, so the dump is one
 * instant of the database while the API keeps writing. Files are then copied by the keys that instant named
 * (a stored object is never rewritten under its key; a file purged since is listed under `missingFiles`).
 * The manifest is written last: a directory without one is an interrupted backup.
 */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const { outDir } = options;
  await assertEmptyDirectory(outDir);
  await mkdir(path.join(outDir, 'database'), { recursive: true, mode: 0o700 });
  const streaming = mysqlCore.createConnection({ uri: options.databaseUrl, ...RAW_VALUES });
  const connection = streaming.promise();
  const tables: TableEntry[] = [];
  let storageKeys: string[];
  let lastMigration = 0;
  try {
    await connection.query("SET time_zone = '+00:00'");
    await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const names = await baseTables(connection);
    for (const name of names) {
      const [created] = await connection.query<RowDataPacket[]>(`SHOW CREATE TABLE ${quoteName(name)}`);
      const definition = String(created[0]?.['Create Table']);
      await writeFile(path.join(outDir, definitionFile(name)), definition, { flag: 'wx', mode: 0o600 });
      const dumped = await dumpTable(connection, streaming, name, path.join(outDir, tableFile(name)));
      tables.push({ name, ...dumped, definitionSha256: sha256(definition) });
    }
    if (names.includes('__drizzle_migrations')) {
      const [applied] = await connection.query<RowDataPacket[]>(
        'SELECT MAX(created_at) AS lastWhen FROM __drizzle_migrations',
      );
      lastMigration = Number(applied[0]?.lastWhen ?? 0);
    }
    const [keys] = names.includes('uploads')
      ? await connection.query<RowDataPacket[]>('SELECT storage_key AS storageKey FROM uploads ORDER BY id')
      : [[]];
    storageKeys = (keys as RowDataPacket[]).map((row) => String(row.storageKey));
    await connection.query('COMMIT');
  } finally {
    await connection.end();
  }

  const files: FileEntry[] = [];
  const missingFiles: string[] = [];
  for (const key of storageKeys) {
    const copied = await copyStoredObject(options.storage, key, outDir);
    if (copied) files.push(copied);
    else missingFiles.push(key);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: (options.now ?? new Date()).toISOString(),
    schema: schemaVersionOf(lastMigration, knownMigrations()),
    storage: options.storageKind,
    tables,
    files,
    missingFiles,
  };
  await writeFile(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
