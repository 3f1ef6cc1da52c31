import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';

const LOCAL_SERVER_URL = 'mysql://root@127.0.0.1:3306/';
const DATABASE_NAME = 'veterans';
const SERVER_BINARIES = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld', '/usr/bin/mariadbd', '/usr/bin/mysqld'];

async function answers(serverUrl: string): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ uri: serverUrl, connectTimeout: 2000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
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

async function waitUntilAnswering(serverUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The private database exited with code ${child.exitCode}`);
    if (await answers(serverUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('The private database did not answer within 60 seconds');
}

/** Starts a MariaDB/MySQL of our own under `dataDir`, for machines where none runs. Stopped with the process. */
export async function startPrivateServer(binary: string, dataDir: string): Promise<string> {
  const files = path.join(dataDir, 'mysql');
  const runAs = process.getuid?.() === 0 ? ['--user=root'] : [];
  if (!existsSync(path.join(files, 'mysql'))) {
    mkdirSync(files, { recursive: true });
    console.log(`Initialising a private database in ${files} …`);
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${files}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...runAs],
      { stdio: 'ignore' },
    );
  }
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--no-defaults',
      `--datadir=${files}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dataDir, 'mysqld.sock')}`,
      `--pid-file=${path.join(dataDir, 'mysqld.pid')}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      ...runAs,
    ],
    { stdio: 'ignore' },
  );
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  const serverUrl = `mysql://root@127.0.0.1:${port}/`;
  await waitUntilAnswering(serverUrl, child, 60_000);
  console.log(`Private database running on 127.0.0.1:${port}`);
  return serverUrl;
}

/**
 * Finds a database for a local run with no set-up: the one at 127.0.0.1:3306 if it answers, otherwise a
 * private instance of an installed mariadbd/mysqld under `dataDir`. Throws with what to install otherwise.
 */
export async function resolveLocalDatabaseUrl(dataDir: string): Promise<string> {
  if (await answers(LOCAL_SERVER_URL)) return `${LOCAL_SERVER_URL}${DATABASE_NAME}`;
  const binary = SERVER_BINARIES.find((candidate) => existsSync(candidate));
  if (!binary) {
    throw new Error(
      '未找到可用的 MySQL/MariaDB：请安装 MariaDB（apt-get install -y mariadb-server）或设置 DATABASE_URL=mysql://用户:密码@主机:端口/库名',
    );
  }
  return `${await startPrivateServer(binary, dataDir)}${DATABASE_NAME}`;
}
