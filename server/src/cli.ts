import { ConfigError, loadConfig } from './config';
import { connectDatabase, type Database, ensureDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { reencryptFields } from './db/reencrypt-fields';
import { CREATE_DISTRICT_USAGE, createDistrict, parseCreateDistrictArgs } from './modules/auth/create-district';
import {
  CliError,
  CREATE_STAFF_USAGE,
  createdMessage,
  createStaffAccount,
  parseCreateStaffArgs,
} from './modules/auth/create-staff';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './modules/backup/command';
import { BackupError } from './modules/backup/manifest';
import { createFileStorage } from './modules/uploads/create-storage';
import { encryptStoredFiles } from './modules/uploads/encrypt-existing';
import { fieldCipherOf } from './plugins/field-cipher';

/**
 * Administration from the command line, for the first admin and for scripts:
 *   pnpm --filter server cli create-staff --username <u> --password <p> --role <admin|staff|lawyer> --unit <code>
 * Migrates the database first, so it works on a fresh one.
 */

const LOCAL_DATABASE_URL = 'mysql://root@127.0.0.1:3306/veterans';

const USAGE = `退役军人服务通 命令行工具 / command-line tool

命令 / commands:
  backup           备份数据库与附件（一致快照，含清单与校验和）/ back up the database and the stored files
  restore          把备份恢复到空数据库与空存储 / restore a backup into an empty database and storage
  create-district  创建区退役军人服务中心（新数据库的第一步）/ create the district centre (first step on a new database)
  create-staff     创建工作人员、律师或管理员账号 / create a staff, lawyer or admin account
  encrypt-files    加密启用文件加密之前存储的附件（可重复执行）/ encrypt files stored before encryption (idempotent)
  reencrypt-fields 用当前密钥重新加密敏感字段并绑定所在行（轮换密钥后执行，可重复执行）/ re-encrypt sensitive fields
                   under the current key, sealed to their rows (after a key rotation; idempotent)

${CREATE_DISTRICT_USAGE}

${CREATE_STAFF_USAGE}

${BACKUP_USAGE}`;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url) return loadConfig({ DATABASE_URL: url }).DATABASE_URL;
  if (process.env.NODE_ENV === 'production') {
    throw new CliError('请设置 DATABASE_URL / DATABASE_URL is required');
  }
  console.log(`未设置 DATABASE_URL，使用本机开发数据库 / DATABASE_URL not set, using ${LOCAL_DATABASE_URL}`);
  return LOCAL_DATABASE_URL;
}

/** Runs `work` against the migrated database named by DATABASE_URL. */
async function withDatabase(work: (db: Database) => Promise<void>): Promise<void> {
  const url = databaseUrl();
  await ensureDatabase(url);
  await runMigrations(url);
  const { db, pool } = connectDatabase(url, 1);
  try {
    await work(db);
  } finally {
    await pool.end();
  }
}

async function createStaff(args: string[]): Promise<void> {
  const input = parseCreateStaffArgs(args);
  await withDatabase(async (db) => console.log(createdMessage(input, await createStaffAccount(db, input))));
}

async function createDistrictCommand(args: string[]): Promise<void> {
  const input = parseCreateDistrictArgs(args);
  await withDatabase(async (db) => {
    const id = await createDistrict(db, input);
    console.log(
      `已创建区服务中心 ${input.name}（编码 ${input.code}），id ${id}。\nCreated the district centre "${input.code}", id ${id}.`,
    );
  });
}

/** Uses the API's whole configuration (keys, UPLOAD_DIR or S3) from the environment, as the server would. */
async function encryptFilesCommand(): Promise<void> {
  const config = loadConfig();
  const { db, pool } = connectDatabase(config.DATABASE_URL, 1);
  try {
    const report = await encryptStoredFiles(db, createFileStorage(config));
    console.log(
      `已加密 ${report.encrypted} 个文件，${report.alreadyEncrypted} 个原已加密，${report.missing} 个在存储中找不到。
` + `Encrypted ${report.encrypted}, already encrypted ${report.alreadyEncrypted}, missing ${report.missing}.`,
    );
  } finally {
    await pool.end();
  }
}

/** Needs the data keys of the API's configuration (DATA_ENCRYPTION_KEY, its version and the previous keys). */
async function reencryptFieldsCommand(): Promise<void> {
  const config = loadConfig();
  const { db, pool } = connectDatabase(config.DATABASE_URL, 1);
  try {
    const report = await reencryptFields(db, fieldCipherOf(config));
    console.log(
      `已重新加密 ${report.rewritten} 个字段，${report.current} 个原已是当前密钥。\n` +
        `Re-encrypted ${report.rewritten} fields, ${report.current} were already current.`,
    );
  } finally {
    await pool.end();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'create-district':
      return createDistrictCommand(args);
    case 'create-staff':
      return createStaff(args);
    case 'encrypt-files':
      return encryptFilesCommand();
    case 'reencrypt-fields':
      return reencryptFieldsCommand();
    case 'backup':
      console.log(await backupCommand(loadConfig(), args));
      return;
    case 'restore':
      console.log(await restoreCommand(loadConfig(), args));
      return;
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new CliError(`${command ? `未知命令 / unknown command: ${command}\n\n` : ''}${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError || error instanceof BackupError) {
      console.error(`错误 / Error: ${error.message}`);
    } else if (error instanceof Error && 'code' in error) {
      console.error(
        `错误 / Error: ${error.message} (${String(error.code)})。请检查 DATABASE_URL 与数据库是否运行 / check DATABASE_URL and that MySQL runs.`,
      );
    } else {
      console.error('错误 / Error:', error);
    }
    process.exit(1);
  },
);
