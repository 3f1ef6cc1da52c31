import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { subscribeTemplateSchema } from '@veterans/shared';
import { z } from 'zod';
import { AUDIT_LOG_MIN_RETENTION_DAYS, DEFAULT_AUDIT_LOG_RETENTION_DAYS } from './modules/admin/audit-log/retention';

/** The server package's folder: one level above this file, whether it runs from `src/` or bundled in `dist/`. */
export const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Development-only secrets: convenient locally, refused under NODE_ENV=production. */
export const DEMO_JWT_SECRET = 'demo-jwt-secret-change-me-please-0123456789';
export const DEMO_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const DEMO_WECHAT_APP_ID = 'wx-demo-app-id';
export const DEMO_WECHAT_APP_SECRET = 'demo-wechat-app-secret';
const DEVELOPMENT_SMS_PROVIDERS = ['console'];

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** Names proxy-addr (Fastify's trustProxy) understands for private ranges: 127/8 and ::1, 169.254/16, 10/8 etc. */
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_PROXY_HOPS = 10;

/** An address or CIDR range such as `10.0.0.1` or `10.0.0.0/8`; `/0` would be "every address" again. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may name the client in X-Forwarded-For: how many stand in front of the API (`1`: one nginx), or
 * their addresses (`10.0.0.1,10.0.0.0/8`). Trusting every hop is refused: any client could then choose its own
 * address — and with it its rate-limit budget, its SMS per-IP budget and the address in the audit log.
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((text, context): false | number | string[] => {
    if (['', '0', 'false', 'no'].includes(text)) return false;
    if (/^\d+$/.test(text) && Number(text) <= MAX_PROXY_HOPS) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    const trustsAll = ['true', 'yes', 'all', '*'].includes(text.toLowerCase());
    context.addIssue({
      code: 'custom',
      message: trustsAll
        ? 'trusting every proxy hop is not allowed (any client could choose its address); give the number of proxies in front of the API (e.g. 1) or their addresses (e.g. 10.0.0.1,10.0.0.0/8)'
        : `must be a number of proxy hops (1–${MAX_PROXY_HOPS}) or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.1,10.0.0.0/8)`,
    });
    return z.NEVER;
  });

const wechatTemplateSettingSchema = z.union([
  z.string().min(1),
  z.strictObject({
    id: z.string().min(1),
    /** Our field → the template's keyword, when the template picked in the WeChat console numbers them otherwise. */
    keywords: z
      .record(z.string(), z.string().regex(/^[a-z_]+\d+$/, { error: 'must be a keyword such as thing3' }))
      .optional(),
  }),
]);

/** `{"request-status":"<id>","staff-reply":{"id":"<id>","keywords":{"content":"thing7"}}}` */
const wechatTemplateIdsSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text === '' ? '{}' : text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object of template key → WeChat template id' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(subscribeTemplateSchema, wechatTemplateSettingSchema));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string({ error: 'is required (mysql://user:password@host:port/database)' })
    .refine((value) => /^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/.test(value), {
      error: 'must look like mysql://user:password@host:port/database',
    }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest a single SQL statement of an API request may run; 0 turns the limit off. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /**
   * The database is a Galera cluster and requests of one client may reach different nodes (multi-primary, or
   * reads spread over nodes): every session then sets wsrep_sync_wait = 1, so a read waits until its node has
   * applied everything committed anywhere before it (a citizen's next screen shows the booking just made).
   */
  DATABASE_GALERA: booleanFlag.default(false),
  JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).default(DEMO_JWT_SECRET),
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, {
      error: 'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
    })
    .default(DEMO_DATA_ENCRYPTION_KEY),
  DATA_ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).default(1),
  DATA_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .regex(/^(\d+:[A-Za-z0-9+/=]+)(,\d+:[A-Za-z0-9+/=]+)*$|^$/, { error: 'must look like 1:base64key,2:base64key' })
    .default(''),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' })
    .optional(),
  UPLOAD_DIR: z.string().min(1).default(path.join(serverRoot, 'uploads')),
  /** S3-compatible object storage for uploads (all five, or none: then files go to UPLOAD_DIR). */
  S3_ENDPOINT: z.url({ error: 'must be a URL such as https://s3.cn-north-1.amazonaws.com.cn' }).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).optional(),
  H5_DIR: z.string().min(1).default(path.resolve(serverRoot, '../miniapp/dist/h5')),
  WECHAT_APP_ID: z.string().min(1).default(DEMO_WECHAT_APP_ID),
  WECHAT_APP_SECRET: z.string().min(1).default(DEMO_WECHAT_APP_SECRET),
  WECHAT_API_BASE: z
    .url({ error: 'must be a URL such as https://api.weixin.qq.com' })
    .default('https://api.weixin.qq.com'),
  /** WeChat subscribe-message template ids (see `subscribeTemplates`); a template without an id is not sent. */
  WECHAT_TEMPLATE_IDS: wechatTemplateIdsSchema.default({}),
  WECHAT_TEMPLATE_ID_REQUEST_STATUS: z.string().min(1).optional(),
  WECHAT_TEMPLATE_ID_STAFF_REPLY: z.string().min(1).optional(),
  WECHAT_TEMPLATE_ID_BOOKING_CONFIRMED: z.string().min(1).optional(),
  WECHAT_TEMPLATE_ID_BOOKING_REMINDER: z.string().min(1).optional(),
  WECHAT_TEMPLATE_ID_APPEAL_MEETING: z.string().min(1).optional(),
  WECHAT_TEMPLATE_ID_IDENTITY_RESULT: z.string().min(1).optional(),
  /** Which version of the mini-program a subscribe message opens. */
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** The outbox worker inside the API process; unset means on, except under NODE_ENV=test. */
  OUTBOX_WORKER: booleanFlag.optional(),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SMS_PROVIDER: z.enum(['console', 'aliyun']).default('console'),
  /**
   * Wrong staff passwords after the first from one address are answered this much later per failure so far
   * (see auth/lockout.ts); tests turn it down.
   */
  STAFF_SIGN_IN_DELAY_MS: z.coerce.number().int().min(0).max(5000).default(250),
  /** Sign-in codes one IP address may request per hour (many people can share an office or mobile NAT). */
  SMS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().min(1).optional(),
  ALIYUN_SMS_ENDPOINT: z.string().min(1).default('dysmsapi.aliyuncs.com'),
  DEMO_DATA: booleanFlag.default(false),
  /** 人脸核身 (WeChat face verification v2) as a way to verify: only where the bureau has the capability. */
  WECHAT_FACE_VERIFY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Answer 503 at once while the event loop lags more than this (0 turns load shedding off). */
  LOAD_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  TRUST_PROXY: trustProxySchema.default(false),
  /**
   * Longest a client may take to send one whole request, headers and body (then 408 and the connection closes):
   * two minutes carry a 10 MB attachment over a weak mobile link (~90 KB/s); a dripping client is cut off.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
  /** /docs and /openapi.json over HTTP; unset means on, except under NODE_ENV=production (they list every route). */
  API_DOCS: booleanFlag.optional(),
  MIGRATE_ON_START: booleanFlag.default(true),
  /** Serves GET /metrics (Prometheus) to `Authorization: Bearer <token>`; unset: no /metrics at all (404). */
  METRICS_TOKEN: z.string().min(32, { error: 'must be at least 32 characters (openssl rand -hex 32)' }).optional(),
  /** The lawyer may record a consultation from check-in until this many days after the slot's day (Beijing). */
  LEGAL_RECORD_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** Audit entries are kept this many days (等保 asks for at least 180). */
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(AUDIT_LOG_MIN_RETENTION_DAYS)
    .max(3650)
    .default(DEFAULT_AUDIT_LOG_RETENTION_DAYS),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function productionProblems(config: Config): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (config.JWT_SECRET === DEMO_JWT_SECRET) problems.push('JWT_SECRET: the demo secret is not allowed in production');
  if (config.DATA_ENCRYPTION_KEY === DEMO_DATA_ENCRYPTION_KEY)
    problems.push('DATA_ENCRYPTION_KEY: the demo key is not allowed in production');
  if (config.WECHAT_APP_ID === DEMO_WECHAT_APP_ID) problems.push('WECHAT_APP_ID: set the real mini-program app id');
  if (config.WECHAT_APP_SECRET === DEMO_WECHAT_APP_SECRET)
    problems.push('WECHAT_APP_SECRET: set the real mini-program app secret');
  if (DEVELOPMENT_SMS_PROVIDERS.includes(config.SMS_PROVIDER))
    problems.push(`SMS_PROVIDER: "${config.SMS_PROVIDER}" is for development only`);
  if (config.DEMO_DATA) problems.push('DEMO_DATA: demo data is not allowed in production');
  return problems;
}

const ALIYUN_SMS_VARIABLES = [
  'ALIYUN_ACCESS_KEY_ID',
  'ALIYUN_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATE_CODE',
] as const;

/** The chosen SMS provider must have everything it needs, in every environment. */
function smsProviderProblems(config: Config): string[] {
  if (config.SMS_PROVIDER !== 'aliyun') return [];
  return ALIYUN_SMS_VARIABLES.filter((name) => !config[name]).map(
    (name) => `${name}: is required when SMS_PROVIDER=aliyun`,
  );
}

export const S3_VARIABLES = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_REGION',
] as const;

/** Object storage is configured completely or not at all: a partial set would silently write to local disk. */
function s3Problems(config: Config): string[] {
  const missing = S3_VARIABLES.filter((name) => !config[name]);
  if (missing.length === 0 || missing.length === S3_VARIABLES.length) return [];
  return missing.map((name) => `${name}: is required when any S3_* variable is set`);
}

/** Reads and validates the configuration once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const problems = [
    ...smsProviderProblems(parsed.data),
    ...s3Problems(parsed.data),
    ...productionProblems(parsed.data),
  ];
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}
