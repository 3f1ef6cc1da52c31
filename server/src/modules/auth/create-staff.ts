import { parseArgs } from 'node:util';
import {
  roleLabels,
  type StaffRole,
  staffDisplayNameSchema,
  staffPasswordSchema,
  staffRoles,
  usernameSchema,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { auditLog, orgUnits, staffAccounts } from '../../db/schema/index';
import { mysqlErrorCode } from '../../lib/database-errors';
import { hashPassword } from '../../lib/passwords';

/** A problem with the command line or its data: printed as it is, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const CREATE_STAFF_USAGE = `用法 / Usage:
  pnpm --filter server cli create-staff --username <用户名> --password <密码> --role <admin|staff|lawyer> --unit <机构编码>
      [--display-name <姓名>] [--must-change-password] [--supervisor]

  --username              3–32 位字母、数字、下划线，以字母开头 / 3–32 letters, digits, _ . -, starting with a letter
  --password              至少 10 位，含大写、小写、数字、符号中的三类 / 10+ characters, 3 of: upper, lower, digit, symbol
  --role                  admin 管理员 | staff 工作人员 | lawyer 律师
  --unit                  所属机构编码，如 weidu / org unit code, e.g. weidu
  --display-name          显示姓名，默认同用户名 / shown name, defaults to the username
  --must-change-password  首次登录须修改密码（默认否：命令行创建的账号由创建者自己使用）
                          require a password change at first sign-in (default: no)
  --supervisor            可处理差评回访 / may handle follow-ups of poor ratings

  数据库由环境变量 DATABASE_URL 指定 / the database comes from DATABASE_URL.`;

const inputSchema = z.object({
  username: usernameSchema,
  password: staffPasswordSchema,
  role: z.enum(staffRoles, { error: '角色只能是 admin、staff 或 lawyer / role must be admin, staff or lawyer' }),
  unitCode: z.string().trim().min(1, { error: '请用 --unit 指定机构编码 / --unit is required' }),
  displayName: staffDisplayNameSchema,
  mustChangePassword: z.boolean(),
  isSupervisor: z.boolean(),
});

export interface CreateStaffInput {
  username: string;
  password: string;
  role: StaffRole;
  unitCode: string;
  displayName: string;
  mustChangePassword: boolean;
  isSupervisor: boolean;
}

const FIELD_FLAGS: Record<string, string> = {
  username: '--username',
  password: '--password',
  role: '--role',
  unitCode: '--unit',
  displayName: '--display-name',
};

/** Reads and checks `create-staff` options with the same rules as the API (password policy included). */
export function parseCreateStaffArgs(args: string[]): CreateStaffInput {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        'display-name': { type: 'string' },
        'must-change-password': { type: 'boolean', default: false },
        supervisor: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${CREATE_STAFF_USAGE}`);
  }
  const missing = ['username', 'password', 'role', 'unit'].filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new CliError(`缺少参数 / missing: ${missing.map((name) => `--${name}`).join(', ')}\n\n${CREATE_STAFF_USAGE}`);
  }
  const parsed = inputSchema.safeParse({
    username: values.username,
    password: values.password,
    role: values.role,
    unitCode: values.unit,
    displayName: values['display-name'] ?? values.username,
    mustChangePassword: values['must-change-password'],
    isSupervisor: values.supervisor,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${FIELD_FLAGS[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`,
    );
    throw new CliError(`参数有误 / invalid options:\n${lines.join('\n')}`);
  }
  return parsed.data as CreateStaffInput;
}

export interface CreatedStaff {
  id: number;
  unitId: number;
  unitName: string;
}

/** Creates the account: the unit must exist and be active, the username must be free. */
export async function createStaffAccount(db: Database, input: CreateStaffInput): Promise<CreatedStaff> {
  const [unit] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.code, input.unitCode));
  if (!unit) throw new CliError(`机构编码 ${input.unitCode} 不存在 / unknown unit code "${input.unitCode}"`);
  if (!unit.active) throw new CliError(`机构 ${input.unitCode} 已停用 / unit "${input.unitCode}" is inactive`);

  const [existing] = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, input.username));
  const taken = () => new CliError(`用户名 ${input.username} 已被使用 / username "${input.username}" is already taken`);
  if (existing) throw taken();

  const passwordHash = await hashPassword(input.password);
  try {
    const [result] = await db.insert(staffAccounts).values({
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      unitId: unit.id,
      isSupervisor: input.isSupervisor,
      mustChangePassword: input.mustChangePassword,
      passwordChangedAt: new Date(),
    });
    await db.insert(auditLog).values({
      actorId: null,
      actorRole: 'cli',
      action: 'staff.create',
      targetType: 'staff',
      targetId: String(result.insertId),
      detail: {
        username: input.username,
        role: input.role,
        unitCode: input.unitCode,
        mustChangePassword: input.mustChangePassword,
        source: 'cli',
      },
    });
    return { id: result.insertId, unitId: unit.id, unitName: unit.name };
  } catch (error) {
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw taken();
    throw error;
  }
}

export function createdMessage(input: CreateStaffInput, created: CreatedStaff): string {
  const change = input.mustChangePassword
    ? '首次登录须修改密码 / must change the password at first sign-in'
    : '可直接登录 / may sign in right away';
  return [
    `已创建账号 ${input.username}（${roleLabels[input.role]}，${created.unitName}），id ${created.id}；${change}。`,
    `Created ${input.role} account "${input.username}" in unit ${input.unitCode}, id ${created.id}.`,
  ].join('\n');
}
