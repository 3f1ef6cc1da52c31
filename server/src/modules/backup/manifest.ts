import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '../../db/migrate';

/** Bumped when the layout of a backup directory changes; restore refuses a format it does not know. */
export const BACKUP_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';
export const tableFile = (table: string) => `database/${table}.jsonl`;
export const definitionFile = (table: string) => `database/${table}.sql`;
export const storedFile = (key: string) => `files/${key}`;

/** The last migration applied to the database, as drizzle records it (`when` is the journal's timestamp). */
export interface SchemaVersion {
  tag: string | null;
  when: number;
}

export interface TableEntry {
  name: string;
  rows: number;
  /** Of the rows file (`database/<name>.jsonl`). */
  sha256: string;
  /** Of the CREATE TABLE statement (`database/<name>.sql`). */
  definitionSha256: string;
}

export interface FileEntry {
  key: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: number;
  createdAt: string;
  schema: SchemaVersion;
  /** Where the files came from (`local`: UPLOAD_DIR, `s3`: the bucket); restore may write to either. */
  storage: 'local' | 's3';
  tables: TableEntry[];
  files: FileEntry[];
  /** Storage keys the database names but the storage did not have when the backup ran. */
  missingFiles: string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

export const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

interface JournalEntry {
  when: number;
  tag: string;
}

/** The migrations this code knows, oldest first (drizzle's journal). */
export function knownMigrations(folder = migrationsFolder): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.map(({ when, tag }) => ({ when, tag }));
}

/** Names the version by the journal's tag when this code knows the migration. */
export function schemaVersionOf(lastAppliedWhen: number, known: readonly JournalEntry[]): SchemaVersion {
  return { when: lastAppliedWhen, tag: known.find((entry) => entry.when === lastAppliedWhen)?.tag ?? null };
}

/**
 * Why this code may not restore the snapshot, or null when it may: a snapshot from a newer schema has tables and
 * columns this code does not know (restore it with the release that made it). An older snapshot is fine: the
 * API's start-up (or `pnpm db:migrate`) brings it up to date, as it would have the original database.
 */
export function schemaRefusal(snapshot: SchemaVersion, known: readonly JournalEntry[]): string | null {
  const newest = known.at(-1);
  if (newest && snapshot.when <= newest.when && known.some((entry) => entry.when === snapshot.when)) return null;
  if (snapshot.when === 0 && !newest) return null;
  const name = snapshot.tag ?? `迁移时间戳 ${snapshot.when}`;
  return (
    `备份的数据库结构（${name}）比本版本新或本版本不认识，请用生成该备份的版本恢复 / ` +
    `the snapshot's schema (${snapshot.tag ?? snapshot.when}) is newer than this release (${newest?.tag ?? 'none'}) ` +
    'or unknown to it: restore with the release that made the backup'
  );
}

/** A column value in a table file: JSON for text and numbers, base64 for binary strings. */
export type StoredValue = string | number | null | { b64: string };

export function encodeValue(value: unknown): StoredValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { b64: value.toString('base64') };
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return value.toString();
  throw new BackupError(`Unexpected column value of type ${typeof value}`);
}

export function decodeValue(value: StoredValue): string | number | null | Buffer {
  if (value !== null && typeof value === 'object') return Buffer.from(value.b64, 'base64');
  return value;
}
