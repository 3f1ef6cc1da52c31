import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { startFakeWechat } from '../../../server/src/testing/fake-wechat.ts';
import { wechatApiNames } from '../harness/api-names.ts';
import type { HarnessEnv } from '../harness/weapp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const distDir = process.env.WEAPP_DIST_DIR
  ? path.resolve(root, process.env.WEAPP_DIST_DIR)
  : path.join(root, 'miniapp/dist/weapp');
const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:3306/';

declare module 'vitest' {
  export interface ProvidedContext {
    weapp: HarnessEnv;
    databaseUrl: string;
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

async function waitForReady(baseUrl: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The server did not become ready within 60 seconds');
}

/**
 * Once per run: compiles every WXML of the weapp build with WeChat's wcc (one call), lists WeChat's API names, and
 * starts the fake WeChat and the real API on a fresh database with the demo data.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(distDir, 'app.json'))) {
    throw new Error(`No weapp build at ${distDir}: run \`pnpm --filter miniapp build:weapp\` first`);
  }
  const require = createRequire(import.meta.url);
  const compiler = require('miniprogram-compiler') as { wxmlToJs(dir: string): string };
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'weapp-harness-'));
  const gwxPath = path.join(workDir, 'templates.js');
  writeFileSync(gwxPath, compiler.wxmlToJs(distDir));

  const fakeWechat = await startFakeWechat();
  const databaseName = `weapp_${randomBytes(5).toString('hex')}`;
  const databaseUrl = new URL(databaseName, serverUrl).toString();
  const port = await freePort();
  const apiOrigin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    // WEAPP_SERVER_DIR: another checkout's server (e.g. a snapshot of HEAD while the tree is being edited).
    cwd: process.env.WEAPP_SERVER_DIR ? path.resolve(process.env.WEAPP_SERVER_DIR) : path.join(root, 'server'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DEMO_DATA: '1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      SMS_PER_IP_PER_HOUR: '100000',
      WECHAT_API_BASE: fakeWechat.baseUrl,
      // 人脸核身 on, so that 刷脸核验 shows for waiting veterans (the fake WeChat passes every face).
      WECHAT_FACE_VERIFY: '1',
      // Template ids, so that the app asks for subscribe messages (wx.requestSubscribeMessage); nothing is sent.
      WECHAT_TEMPLATE_IDS: JSON.stringify({
        'request-status': 'tmpl-request-status',
        'staff-reply': 'tmpl-staff-reply',
        'identity-result': 'tmpl-identity-result',
        'booking-confirmed': 'tmpl-booking-confirmed',
      }),
      OUTBOX_WORKER: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    // Errors the server logs (pino level 50+) are shown: a 500 in a journey is explained here.
    for (const line of text.split('\n')) if (/"level":(5|6)\d/.test(line)) process.stderr.write(`${line}\n`);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.push(chunk.toString());
    process.stderr.write(chunk);
  });
  try {
    await waitForReady(apiOrigin, child, output);
  } catch (error) {
    child.kill('SIGTERM');
    await fakeWechat.close();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }

  project.provide('weapp', { distDir, gwxPath, apiNames: wechatApiNames(), apiOrigin });
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await fakeWechat.close();
    const connection = await mysql.createConnection({ uri: serverUrl });
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
    await connection.end();
    rmSync(workDir, { recursive: true, force: true });
  };
}
