import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { auditLog, orgUnits, staffAccounts } from '../../db/schema/index';
import { seedDemoData } from '../../demo/seed';
import { verifyPassword } from '../../lib/passwords';
import { createTestDatabase, type TestDatabase } from '../../testing/test-app';
import { createDistrict, parseCreateDistrictArgs } from './create-district';
import { CliError, createStaffAccount, parseCreateStaffArgs } from './create-staff';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
const GOOD = ['--username', 'admin1', '--password', 'Str0ng-Passw0rd', '--role', 'admin', '--unit', 'weidu'];

describe('parseCreateStaffArgs', () => {
  it('reads the options, defaulting the display name and must-change-password', () => {
    expect(parseCreateStaffArgs(GOOD)).toEqual({
      username: 'admin1',
      password: 'Str0ng-Passw0rd',
      role: 'admin',
      unitCode: 'weidu',
      displayName: 'admin1',
      mustChangePassword: false,
      isSupervisor: false,
    });
    expect(
      parseCreateStaffArgs([...GOOD, '--display-name', '王主任', '--must-change-password', '--supervisor']),
    ).toMatchObject({ displayName: '王主任', mustChangePassword: true, isSupervisor: true });
  });

  it('applies the password policy and names each bad option', () => {
    const attempt = () =>
      parseCreateStaffArgs(['--username', '1x', '--password', 'short', '--role', 'boss', '--unit', 'weidu']);
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(/--username[\s\S]*--password: 密码至少 10 位[\s\S]*--role: 角色只能是/);
  });

  it('lists missing and unknown options with the usage', () => {
    expect(() => parseCreateStaffArgs(['--username', 'admin1'])).toThrow(/--password, --role, --unit[\s\S]*用法/);
    expect(() => parseCreateStaffArgs([...GOOD, '--colour', 'red'])).toThrow(/colour/);
  });
});

describe('create-staff', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = connectDatabase(database.url, 2);
    await seedDemoData(handle.db);
  });
  afterAll(async () => {
    await handle.pool.end();
    await database.drop();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: serverRoot,
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const account = async (username: string) => {
    const [row] = await handle.db.select().from(staffAccounts).where(eq(staffAccounts.username, username));
    return row;
  };

  it('creates a working account from the command line', async () => {
    const result = await cli('create-staff', ...GOOD, '--display-name', '系统管理员');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已创建账号 admin1（管理员，魏都区退役军人服务中心）');
    const row = await account('admin1');
    expect(row).toMatchObject({ role: 'admin', displayName: '系统管理员', mustChangePassword: false, active: true });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row?.passwordHash as string, 'Str0ng-Passw0rd')).toBe(true);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'staff.create'));
    expect(audit).toMatchObject({ actorRole: 'cli', targetId: String(row?.id) });
    expect(JSON.stringify(audit)).not.toContain('Str0ng-Passw0rd');
  });

  it('exits 1 with a clear message for a taken username or an unknown command', async () => {
    const taken = await cli('create-staff', ...GOOD);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('用户名 admin1 已被使用 / username "admin1" is already taken');

    const unknownCommand = await cli('destroy-everything');
    expect(unknownCommand.code).toBe(1);
    expect(unknownCommand.stderr).toContain('unknown command: destroy-everything');
  });

  it('refuses an unknown or inactive unit', async () => {
    const input = { ...parseCreateStaffArgs(GOOD), username: 'lawyer1', role: 'lawyer' as const };
    await expect(createStaffAccount(handle.db, { ...input, unitCode: 'nowhere' })).rejects.toThrow(
      '机构编码 nowhere 不存在 / unknown unit code "nowhere"',
    );
    await handle.db.update(orgUnits).set({ active: false }).where(eq(orgUnits.code, 'xidajie'));
    await expect(createStaffAccount(handle.db, { ...input, unitCode: 'xidajie' })).rejects.toThrow(/已停用/);
  });

  it('marks the account for a password change when asked', async () => {
    const input = {
      ...parseCreateStaffArgs([...GOOD, '--must-change-password']),
      username: 'clerk1',
      role: 'staff' as const,
    };
    await createStaffAccount(handle.db, input);
    expect((await account('clerk1'))?.mustChangePassword).toBe(true);
  });
});

describe('bootstrapping a fresh database from the command line', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('creates the district centre, then the first admin in it; a second centre is refused', async () => {
    const env = { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' };
    const options = { cwd: serverRoot, env };
    const district = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'create-district', '--code', 'weidu', '--name', '魏都区退役军人服务中心'],
      options,
    );
    expect(district.stdout).toContain('已创建区服务中心 魏都区退役军人服务中心（编码 weidu）');

    const handle = connectDatabase(database.url, 1);
    try {
      await createStaffAccount(handle.db, parseCreateStaffArgs(GOOD));
      const [admin] = await handle.db.select().from(staffAccounts).where(eq(staffAccounts.username, 'admin1'));
      const [unit] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, 'weidu'));
      expect(unit).toMatchObject({ level: 'district', parentId: null, path: '/weidu/' });
      expect(admin?.unitId).toBe(unit?.id);
      await expect(createDistrict(handle.db, { code: 'other', name: '另一个中心' })).rejects.toThrow(/已存在/);
    } finally {
      await handle.pool.end();
    }
  });

  it('checks the unit code and name', () => {
    expect(() => parseCreateDistrictArgs(['--code', 'Bad/Code', '--name', 'x'])).toThrow(/--code[\s\S]*--name/);
  });
});
