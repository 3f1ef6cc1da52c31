import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-app';
import { migrationsFolder, runMigrations } from './migrate';

describe('runMigrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('lets several instances migrate at once and applies each migration once', async () => {
    await Promise.all([runMigrations(database.url), runMigrations(database.url), runMigrations(database.url)]);
    const connection = await mysql.createConnection({ uri: database.url });
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS applied, COUNT(DISTINCT hash) AS distinctHashes FROM __drizzle_migrations',
    );
    await connection.end();
    expect(rows[0]?.applied).toBe(rows[0]?.distinctHashes);
    expect(Number(rows[0]?.applied)).toBeGreaterThan(0);
  });

  it('creates tables in utf8mb4 so any Chinese text and emoji fit', async () => {
    const connection = await mysql.createConnection({ uri: database.url });
    await connection.query(
      "INSERT INTO org_units (code, name, level, path) VALUES ('emoji', '测试站🎖️', 'community', '/emoji/')",
    );
    const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT name FROM org_units WHERE code = 'emoji'");
    await connection.end();
    expect(rows[0]?.name).toBe('测试站🎖️');
  });
});

describe('upgrading a database of the previous release (migrations 0006 and 0007)', () => {
  let database: TestDatabase;
  let partial: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    // A second database migrated only up to 0005, as a deployment of the previous release left it.
    const name = `${new URL(database.url).pathname.slice(1)}_0005`;
    const admin = await mysql.createConnection({ uri: database.url });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    partial = new URL(`/${name}`, database.url).toString();
  });
  afterAll(async () => {
    const admin = await mysql.createConnection({ uri: database.url });
    await admin.query(`DROP DATABASE IF EXISTS \`${new URL(partial).pathname.slice(1)}\``);
    await admin.end();
    await database.drop();
  });

  it('copies each rating’s request unit and submission time, and fills submitted_month', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'migrations-0005-'));
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.tag < '0006');
    writeFileSync(journalFile, JSON.stringify(journal));

    const connection = await mysql.createConnection({ uri: partial, timezone: 'Z' });
    try {
      await migrate(drizzle(connection, { mode: 'default' }), { migrationsFolder: folder });
      const [request] = await connection.query<mysql.ResultSetHeader>(
        `INSERT INTO service_requests (number, service_code, applicant_user_id, subject_user_id, status, unit_id,
           submitted_at, completed_at) VALUES ('M0001', 'appeal', 1, 1, 'completed', 7, '2025-09-30 17:00:00.000',
           '2025-10-20 08:00:00.000')`,
      );
      await connection.query('INSERT INTO ratings (request_id, user_id, level) VALUES (?, 1, 2)', [request.insertId]);

      await runMigrations(partial);

      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT unit_id AS unitId, request_submitted_at AS submittedAt FROM ratings',
      );
      expect(rows).toEqual([{ unitId: 7, submittedAt: new Date('2025-09-30T17:00:00.000Z') }]);
      const [months] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT submitted_month AS month FROM service_requests',
      );
      expect(months).toEqual([{ month: 202_510 }]); // 01:00 on Oct 1 in Beijing, still September in UTC
      await expect(
        connection.query('INSERT INTO ratings (request_id, user_id, level) VALUES (999, 1, 5)'),
      ).rejects.toThrow(/request_submitted_at/);
    } finally {
      await connection.end();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
