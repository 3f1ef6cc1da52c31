import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

/**
 * Real API processes for the reliability tests: each test file makes its own database and starts the server
 * the way production does (`node --import tsx src/main.ts`: migrate, seed the demo data, listen), so signals,
 * the connection pool and shutdown are the real ones.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const serverDir = path.join(repoRoot, 'server');
/** The MySQL server the tests create throw-away databases on (CI sets it when root needs a password). */
export const databaseServerUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:3306/';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowAwayDatabase {
  name: string;
  /** mysql://…/<name> on the database server itself. */
  url: string;
  /** The same database reached through another host:port (e.g. a proxy in front of MySQL). */
  urlVia(host: string, port: number): string;
  drop(): Promise<void>;
}

/** An empty database (the server migrates it on start), dropped by `drop()`. */
export async function createDatabase(prefix = 'rel'): Promise<ThrowAwayDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: databaseServerUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(name, databaseServerUrl).toString();
  return {
    name,
    url,
    urlVia(host, port) {
      const via = new URL(url);
      via.hostname = host;
      via.port = String(port);
      return via.toString();
    },
    async drop() {
      const connection = await mysql.createConnection({ uri: databaseServerUrl });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

export interface ServerProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (JSON log lines and anything else). */
  output: string[];
  /** Lines of the output at level error or above (pino level ≥ 50), or that are not log lines at all. */
  errors(): string[];
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM (unless it already exited); resolves with the exit code. Kills it after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

export interface StartOptions {
  databaseUrl: string;
  env?: Record<string, string>;
  port?: number;
  /** How long to wait for /readyz (migrations and demo data included). */
  readyTimeoutMs?: number;
}

/** Starts `node --import tsx src/main.ts` in server/ and waits until /readyz answers 200. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DEMO_DATA: '1',
      H5_DIR: '/nonexistent-h5-build',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      // Nothing leaves the machine: WeChat is a closed loopback port unless a test starts a fake and names it.
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const server: ServerProcess = {
    baseUrl,
    port,
    child,
    output,
    exited,
    errors: () =>
      output.filter((line) => {
        try {
          return Number((JSON.parse(line) as { level?: unknown }).level) >= 50;
        } catch {
          return true;
        }
      }),
    async stop(graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop(1000);
      throw new Error(`The server did not become ready:\n${output.slice(-20).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
