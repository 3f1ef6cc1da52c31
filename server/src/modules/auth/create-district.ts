import { parseArgs } from 'node:util';
import { orgUnitCodeSchema } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { auditLog, orgUnits } from '../../db/schema/index';
import { mysqlErrorCode } from '../../lib/database-errors';
import { CliError } from './create-staff';

export const CREATE_DISTRICT_USAGE = `  pnpm --filter server cli create-district --code <机构编码> --name <名称>

  新部署的数据库里还没有机构（演示数据不能用于生产环境）：先建区退役军人服务中心，再在其中创建第一个管理员；
  街道、社区服务站由管理员在应用内创建。
  A fresh production database has no org units: create the district centre first, then the first admin in it;
  the admin adds the stations in the app.`;

const inputSchema = z.object({
  code: orgUnitCodeSchema,
  name: z.string().trim().min(2, { error: '请输入机构名称' }).max(100, { error: '机构名称最多 100 字' }),
});
export type CreateDistrictInput = z.infer<typeof inputSchema>;

export function parseCreateDistrictArgs(args: string[]): CreateDistrictInput {
  let values: { code?: string; name?: string };
  try {
    ({ values } = parseArgs({ args, strict: true, options: { code: { type: 'string' }, name: { type: 'string' } } }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${CREATE_DISTRICT_USAGE}`);
  }
  const parsed = inputSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  --${String(issue.path[0])}: ${issue.message}`);
    throw new CliError(`参数有误 / invalid options:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Creates the district centre 区退役军人服务中心, the root of the unit tree; there is only ever one. */
export async function createDistrict(db: Database, input: CreateDistrictInput): Promise<number> {
  const [district] = await db
    .select({ code: orgUnits.code })
    .from(orgUnits)
    .where(eq(orgUnits.level, 'district'))
    .limit(1);
  if (district) {
    throw new CliError(
      `区服务中心已存在（编码 ${district.code}）/ the district centre exists already ("${district.code}")`,
    );
  }
  try {
    const [result] = await db
      .insert(orgUnits)
      .values({ code: input.code, name: input.name, level: 'district', parentId: null, path: `/${input.code}/` });
    await db.insert(auditLog).values({
      actorRole: 'cli',
      action: 'org_unit.create',
      targetType: 'org_unit',
      targetId: String(result.insertId),
      detail: { code: input.code, level: 'district', source: 'cli' },
    });
    return result.insertId;
  } catch (error) {
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') {
      throw new CliError(`机构编码 ${input.code} 已被使用 / unit code "${input.code}" is taken`);
    }
    throw error;
  }
}
