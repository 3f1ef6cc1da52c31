import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// E2E_H5_DIR: another H5 build to test (e.g. miniapp/dist-citizen/h5, built beside a colleague's build).
const h5Dir = process.env.E2E_H5_DIR ? path.resolve(root, process.env.E2E_H5_DIR) : path.join(root, 'miniapp/dist/h5');
const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:3306/';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    /** The server's stdout and stderr, line by line (JSON log lines); read it with ./server-log.ts. */
    serverLogPath: string;
  }
}

/** pino's level for warn: lines at or above it (and anything that is not a log line) still reach the console. */
const WARN_LEVEL = 40;

/** Appends every line of `stream` to the log file; shows warnings and errors as before. */
function capture(stream: Readable, logPath: string): void {
  createInterface({ input: stream }).on('line', (line) => {
    appendFileSync(logPath, `${line}\n`);
    let level = Number.POSITIVE_INFINITY;
    try {
      level = Number((JSON.parse(line) as { level?: unknown }).level ?? level);
    } catch {
      // not a JSON log line: show it
    }
    if (level >= WARN_LEVEL) process.stderr.write(`${line}\n`);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The server did not become ready within 60 seconds');
}

/** Builds the H5 app if needed, then starts the real server on a random port against a fresh database. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    execFileSync('pnpm', ['--filter', 'miniapp', 'build:h5'], { cwd: root, stdio: 'inherit' });
  }
  const databaseName = `e2e_${randomBytes(5).toString('hex')}`;
  const databaseUrl = new URL(databaseName, serverUrl).toString();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLogPath = path.join(os.tmpdir(), `veterans-e2e-server-${randomBytes(4).toString('hex')}.log`);
  writeFileSync(serverLogPath, '');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DEMO_DATA: '1',
      H5_DIR: h5Dir,
      // info: the console SMS provider logs sign-in codes at info, and the sign-in tests read them.
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
      // Every browser test signs in by SMS from 127.0.0.1; the per-IP hourly limit would stop the suite.
      SMS_PER_IP_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  capture(child.stdout, serverLogPath);
  capture(child.stderr, serverLogPath);
  await waitForReady(baseUrl, child);
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('serverLogPath', serverLogPath);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    const connection = await mysql.createConnection({ uri: serverUrl });
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
    await connection.end();
    rmSync(serverLogPath, { force: true });
  };
}
