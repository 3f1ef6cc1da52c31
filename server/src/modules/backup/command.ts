import path from 'node:path';
import type { Config } from '../../config';
import { CliError } from '../auth/create-staff';
import { backendOf } from '../uploads/create-storage';
import { LocalDiskStorage } from '../uploads/local-storage';
import { restoreBackup } from './restore';
import { createBackup } from './snapshot';

export const BACKUP_USAGE = `备份 / backup:
  pnpm --filter server cli backup --out <目录/dir>       数据库与附件的一致快照（目录须为空或不存在）
  pnpm --filter server cli restore --from <目录/dir>     恢复到空数据库与空存储（DATABASE_URL、UPLOAD_DIR 或 S3_*）`;

/** The directory after `flag` (`--out DIR` or `--out=DIR`), resolved; a missing one is a usage error. */
export function directoryArgument(args: readonly string[], flag: '--out' | '--from'): string {
  const inline = args.find((arg) => arg.startsWith(`${flag}=`));
  const index = args.indexOf(flag);
  const value = inline ? inline.slice(flag.length + 1) : index >= 0 ? args[index + 1] : undefined;
  if (!value || value.startsWith('--'))
    throw new CliError(`缺少 ${flag} <目录> / ${flag} <dir> is required\n\n${BACKUP_USAGE}`);
  return path.resolve(value);
}

function storageOf(config: Config) {
  const storage = backendOf(config);
  const localRoot = storage instanceof LocalDiskStorage ? storage.root : null;
  return { storage, localRoot, kind: localRoot ? ('local' as const) : ('s3' as const) };
}

export async function backupCommand(config: Config, args: readonly string[]): Promise<string> {
  const outDir = directoryArgument(args, '--out');
  const { storage, kind } = storageOf(config);
  const manifest = await createBackup({ databaseUrl: config.DATABASE_URL, storage, storageKind: kind, outDir });
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const missing =
    manifest.missingFiles.length > 0
      ? `\n注意：${manifest.missingFiles.length} 个文件在存储中找不到（见 manifest.json 的 missingFiles）/ ` +
        `${manifest.missingFiles.length} files were missing from the storage`
      : '';
  return (
    `已备份到 ${outDir}：${manifest.tables.length} 张表 ${rows} 行，${manifest.files.length} 个文件，` +
    `数据库结构 ${manifest.schema.tag ?? manifest.schema.when}。\n` +
    `Backed up ${manifest.tables.length} tables (${rows} rows) and ${manifest.files.length} files to ${outDir}.` +
    missing
  );
}

export async function restoreCommand(config: Config, args: readonly string[]): Promise<string> {
  const fromDir = directoryArgument(args, '--from');
  const { storage, localRoot } = storageOf(config);
  const report = await restoreBackup({ fromDir, databaseUrl: config.DATABASE_URL, storage, localRoot });
  return (
    `已恢复 ${report.tables} 张表 ${report.rows} 行、${report.files} 个文件。启动 API（或 pnpm db:migrate）会把较旧的结构升级到当前版本。\n` +
    `Restored ${report.tables} tables (${report.rows} rows) and ${report.files} files; ` +
    'starting the API (or pnpm db:migrate) brings an older schema up to date.'
  );
}
