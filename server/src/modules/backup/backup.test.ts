import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { serverRoot } from '../../config';
import { bearer, createCitizen, testIdNumber } from '../../testing/fixtures';
import { TEST_SERVER_URL, type TestApp, testConfig } from '../../testing/test-app';
import { resetLegalClock } from '../legal/clock';
import { addRule, at, book, citizen, legalTestApp, slotAt } from '../legal/test-support';
import { call } from '../requests/test-support';
import { backendOf } from '../uploads/create-storage';
import { createRequestRow, SMALL_PNG, uploadFile } from '../uploads/test-support';
import { BackupError, type BackupManifest, MANIFEST_FILE, storedFile, tableFile } from './manifest';
import { restoreBackup } from './restore';
import { createBackup, quoteName, RAW_VALUES } from './snapshot';

const run = promisify(execFile);
const IDENTITY = { name: '备份测试员', idNumber: testIdNumber(4242) };

let source: TestApp;
let workDir: string;
const dirs = { sourceUploads: '', backup: '', targetUploads: '' };
const targetDatabases: string[] = [];
const journey = { requestId: 0, uploadId: '', applicantToken: '', bookingId: 0, ratedRequestId: 0 };

function freshDatabaseUrl(): string {
  const name = `t_restore_${randomBytes(5).toString('hex')}`;
  targetDatabases.push(name);
  return new URL(name, TEST_SERVER_URL).toString();
}

/** Every file under a directory, by relative path, with its bytes. */
async function filesUnder(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full), await readFile(full));
  }
  return files;
}

/** Every row of every table, ordered by all its columns (independently of how the dump orders them). */
async function everyRow(url: string): Promise<Record<string, unknown[]>> {
  const connection = await mysql.createConnection({ uri: url, ...RAW_VALUES });
  try {
    await connection.query("SET time_zone = '+00:00'");
    const [tables] = await connection.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    );
    const result: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const [columns] = await connection.query<RowDataPacket[]>(`SHOW COLUMNS FROM ${quoteName(String(name))}`);
      const order = columns.map((_column, index) => index + 1).join(', ');
      const [rows] = await connection.query(`SELECT * FROM ${quoteName(String(name))} ORDER BY ${order}`);
      result[String(name)] = rows as unknown[];
    }
    return result;
  } finally {
    await connection.end();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'veterans-backup-'));
  dirs.sourceUploads = path.join(workDir, 'uploads-source');
  dirs.backup = path.join(workDir, 'backup');
  dirs.targetUploads = path.join(workDir, 'uploads-target');
  source = await legalTestApp({ UPLOAD_DIR: dirs.sourceUploads });
  const { app } = source;

  // A consultation booking.
  await addRule(app, at('2026-12-02 10:00:00'));
  const slot = await slotAt(app, '2026-12-08', '09:00');
  const booked = await book(app, await citizen(app), slot.id);
  expect(booked.statusCode).toBe(201);
  journey.bookingId = booked.json().id;
  resetLegalClock();

  // A submitted request with an uploaded attachment.
  const applicant = await createCitizen(app, {
    identity: IDENTITY,
    communityCode: 'xidajie-wenhua',
    veteranStatus: 'verified',
  });
  const uploaded = await uploadFile(app, applicant.token, '转移接续表.png', SMALL_PNG, 'image/png');
  expect(uploaded.statusCode).toBe(201);
  journey.uploadId = uploaded.json().id;
  journey.applicantToken = applicant.token;
  const created = await call(app, 'POST', '/requests', applicant.token, {
    serviceCode: 'insurance-transfer',
    formData: {
      dischargeDate: '2024-12-01',
      insuranceKinds: '养老保险和医疗保险',
      employment: '已就业',
      transferForm: [journey.uploadId],
    },
    submit: true,
  });
  expect(created.statusCode, created.body).toBe(201);
  journey.requestId = created.json().id;

  // A completed request, rated.
  const rater = await createCitizen(app);
  const completed = await createRequestRow(app, { applicantUserId: rater.id, status: 'completed' });
  const rated = await call(app, 'POST', `/requests/${completed.id}/rating`, rater.token, { level: 4 });
  expect(rated.statusCode, rated.body).toBe(201);
  journey.ratedRequestId = completed.id;
});

afterAll(async () => {
  resetLegalClock();
  await source?.close();
  const admin = await mysql.createConnection({ uri: TEST_SERVER_URL });
  for (const name of targetDatabases) await admin.query(`DROP DATABASE IF EXISTS ${quoteName(name)}`);
  await admin.end();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let manifest: BackupManifest;

  it('writes a manifest with the schema version, row counts and checksums, and only ciphertext', async () => {
    manifest = await createBackup({
      databaseUrl: source.database.url,
      storage: backendOf(source.app.config),
      storageKind: 'local',
      outDir: dirs.backup,
    });
    expect(manifest.schema.tag).toMatch(/^\d{4}_/);
    const counts = Object.fromEntries(manifest.tables.map((table) => [table.name, table.rows]));
    expect(counts.legal_bookings).toBe(1);
    expect(counts.ratings).toBe(1);
    expect(counts.uploads).toBe(1);
    expect(counts.__drizzle_migrations).toBeGreaterThan(10);
    expect(manifest.files).toHaveLength(1);
    expect(manifest.missingFiles).toEqual([]);

    const stored = await readFile(path.join(dirs.backup, storedFile(manifest.files[0]?.key ?? '')));
    expect(stored.includes(SMALL_PNG)).toBe(false);
    const users = await readFile(path.join(dirs.backup, tableFile('users')), 'utf8');
    expect(users).not.toContain(IDENTITY.idNumber);
    expect(users).not.toContain(IDENTITY.name);
  });

  it('refuses to write into a directory that already holds something', async () => {
    await expect(
      createBackup({
        databaseUrl: source.database.url,
        storage: backendOf(source.app.config),
        storageKind: 'local',
        outDir: dirs.backup,
      }),
    ).rejects.toThrow(BackupError);
  });

  it('restores into a fresh database and storage: the same rows and bytes, and the API serves them', async () => {
    const targetUrl = freshDatabaseUrl();
    const config = testConfig(targetUrl, { UPLOAD_DIR: dirs.targetUploads });
    const report = await restoreBackup({
      fromDir: dirs.backup,
      databaseUrl: targetUrl,
      storage: backendOf(config),
      localRoot: dirs.targetUploads,
    });
    expect(report.tables).toBe(manifest.tables.length);
    expect(report.files).toBe(1);

    const [before, after] = await Promise.all([everyRow(source.database.url), everyRow(targetUrl)]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(await filesUnder(dirs.targetUploads)).toEqual(await filesUnder(dirs.sourceUploads));

    const restored = await buildApp(config);
    try {
      const detail = await restored.inject({
        method: 'GET',
        url: `/api/v1/requests/${journey.requestId}`,
        headers: bearer(journey.applicantToken),
      });
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json()).toMatchObject({ id: journey.requestId, status: 'submitted' });
      const download = await restored.inject({
        method: 'GET',
        url: `/api/v1/uploads/${journey.uploadId}`,
        headers: bearer(journey.applicantToken),
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(SMALL_PNG)).toBe(true);
    } finally {
      await restored.close();
    }
  });

  it('refuses a target database that has tables, from the command line too (non-zero exit)', async () => {
    const emptyUploads = path.join(workDir, 'uploads-unused');
    await expect(
      restoreBackup({
        fromDir: dirs.backup,
        databaseUrl: source.database.url,
        storage: backendOf(testConfig(source.database.url, { UPLOAD_DIR: emptyUploads })),
        localRoot: emptyUploads,
      }),
    ).rejects.toThrow(/目标数据库不是空的/);

    const cli = run('node', ['--import', 'tsx', 'src/cli.ts', 'restore', '--from', dirs.backup], {
      cwd: serverRoot,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: source.database.url, UPLOAD_DIR: emptyUploads },
    });
    const failure = await cli.then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('the target database is not empty');
  });

  it('refuses a target storage that holds files, writing nothing to the database', async () => {
    const targetUrl = freshDatabaseUrl();
    const occupied = path.join(workDir, 'uploads-occupied');
    await cp(dirs.sourceUploads, occupied, { recursive: true });
    await expect(
      restoreBackup({
        fromDir: dirs.backup,
        databaseUrl: targetUrl,
        storage: backendOf(testConfig(targetUrl, { UPLOAD_DIR: occupied })),
        localRoot: occupied,
      }),
    ).rejects.toThrow(/目标文件目录不是空的/);
    expect(await everyRow(targetUrl)).toEqual({});
  });

  async function alteredCopy(change: (manifestDir: string, manifest: BackupManifest) => Promise<void>) {
    const copy = path.join(workDir, `backup-${randomBytes(3).toString('hex')}`);
    await cp(dirs.backup, copy, { recursive: true });
    await change(copy, JSON.parse(await readFile(path.join(copy, MANIFEST_FILE), 'utf8')) as BackupManifest);
    return copy;
  }

  const restoreInto = (fromDir: string) => {
    const targetUrl = freshDatabaseUrl();
    const uploads = path.join(workDir, `uploads-${randomBytes(3).toString('hex')}`);
    return restoreBackup({
      fromDir,
      databaseUrl: targetUrl,
      storage: backendOf(testConfig(targetUrl, { UPLOAD_DIR: uploads })),
      localRoot: uploads,
    });
  };

  it('refuses a snapshot from a newer schema', async () => {
    const newer = await alteredCopy(async (dir, original) => {
      const schema = { tag: '0099_future', when: original.schema.when + 1 };
      await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ ...original, schema }));
    });
    await expect(restoreInto(newer)).rejects.toThrow(/比本版本新/);
  });

  it('refuses a backup whose files do not match their checksums', async () => {
    const damaged = await alteredCopy(async (dir) => {
      const file = path.join(dir, tableFile('service_requests'));
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('submitted', 'completed'));
    });
    await expect(restoreInto(damaged)).rejects.toThrow(/备份文件损坏或缺失/);
  });
});
