import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import mysql from 'mysql2/promise';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { parseDatabaseUrl } from '../db/client';
import { runMigrations } from '../db/migrate';

/** The MySQL server tests may create throw-away databases on. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:3306/';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file; dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: TEST_SERVER_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(name, TEST_SERVER_URL).toString();
  await runMigrations(url);
  return {
    url,
    async drop() {
      const connection = await mysql.createConnection({ uri: TEST_SERVER_URL });
      await connection.query(`DROP DATABASE IF EXISTS \`${parseDatabaseUrl(url).database}\``);
      await connection.end();
    },
  };
}

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    H5_DIR: '/nonexistent-h5-build',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Many test files share two cores; a slow moment must not turn into 503s.
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A built app on its own fresh database. Call `close()` in afterAll. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp(testConfig(database.url, overrides));
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
