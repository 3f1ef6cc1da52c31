import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-app';
import { runMigrations } from './migrate';

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
