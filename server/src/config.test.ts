import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_JWT_SECRET, loadConfig } from './config';

const base = { DATABASE_URL: 'mysql://app:secret@127.0.0.1:3306/veterans' };
const aliyun = {
  ALIYUN_ACCESS_KEY_ID: 'LTAI-test-key-id',
  ALIYUN_ACCESS_KEY_SECRET: 'test-key-secret',
  ALIYUN_SMS_SIGN_NAME: '魏都区退役军人服务中心',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000000001',
};

describe('loadConfig', () => {
  it('fills development defaults', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.SMS_PROVIDER).toBe('console');
    expect(config.DEMO_DATA).toBe(false);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('names a malformed DATABASE_URL and a bad PORT together', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'postgres://x/y', PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
  });

  it('rejects an encryption key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...base, DATA_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it('reads DEMO_DATA=1 as true', () => {
    expect(loadConfig({ ...base, DEMO_DATA: '1' }).DEMO_DATA).toBe(true);
  });

  it('refuses demo secrets and development providers in production', () => {
    let message = '';
    try {
      loadConfig({ ...base, NODE_ENV: 'production', DEMO_DATA: '1' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'WECHAT_APP_SECRET', 'SMS_PROVIDER', 'DEMO_DATA']) {
      expect(message).toContain(name);
    }
  });

  it('accepts a production configuration with real secrets', () => {
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: `${DEMO_JWT_SECRET}-but-rotated-for-production`,
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      WECHAT_APP_ID: 'wx1234567890',
      WECHAT_APP_SECRET: 'real-secret',
      SMS_PROVIDER: 'aliyun',
      ...aliyun,
    });
    expect(config.NODE_ENV).toBe('production');
    expect(config.ALIYUN_SMS_ENDPOINT).toBe('dysmsapi.aliyuncs.com');
  });

  it('refuses SMS_PROVIDER=aliyun without its credentials, sign name and template', () => {
    let message = '';
    try {
      loadConfig({ ...base, SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'id' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('ALIYUN_ACCESS_KEY_ID');
    for (const name of ['ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE']) {
      expect(message).toContain(name);
    }
    expect(loadConfig({ ...base, SMS_PROVIDER: 'aliyun', ...aliyun }).ALIYUN_SMS_SIGN_NAME).toBe(
      '魏都区退役军人服务中心',
    );
  });

  it('uses local disk for uploads unless S3 is configured completely', () => {
    const s3 = {
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'uploads',
      S3_ACCESS_KEY_ID: 'access-key',
      S3_SECRET_ACCESS_KEY: 'secret-key',
      S3_REGION: 'cn-north-1',
    };
    expect(loadConfig(base).S3_BUCKET).toBeUndefined();
    expect(loadConfig({ ...base, ...s3 }).S3_ENDPOINT).toBe('http://127.0.0.1:9000');
    let message = '';
    try {
      loadConfig({ ...base, S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: s3.S3_BUCKET });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('S3_BUCKET');
    for (const name of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_REGION']) expect(message).toContain(name);
    expect(() => loadConfig({ ...base, ...s3, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });
});

describe('loadConfig: subscribe messages and the outbox worker', () => {
  it('has no template ids, a formal mini-program and an undecided worker flag by default', () => {
    const config = loadConfig(base);
    expect(config.WECHAT_TEMPLATE_IDS).toEqual({});
    expect(config.WECHAT_TEMPLATE_ID_REQUEST_STATUS).toBeUndefined();
    expect(config.WECHAT_MINIPROGRAM_STATE).toBe('formal');
    expect(config.OUTBOX_WORKER).toBeUndefined();
    expect(config.OUTBOX_INTERVAL_MS).toBe(2000);
    expect(config.OUTBOX_BATCH_SIZE).toBe(20);
  });

  it('reads WECHAT_TEMPLATE_IDS as a JSON map, with keyword mappings', () => {
    const config = loadConfig({
      ...base,
      WECHAT_TEMPLATE_IDS: JSON.stringify({
        'request-status': 'tmpl-status',
        'staff-reply': { id: 'tmpl-reply', keywords: { content: 'thing7' } },
      }),
      WECHAT_TEMPLATE_ID_BOOKING_REMINDER: 'tmpl-reminder',
      OUTBOX_WORKER: '0',
    });
    expect(config.WECHAT_TEMPLATE_IDS).toEqual({
      'request-status': 'tmpl-status',
      'staff-reply': { id: 'tmpl-reply', keywords: { content: 'thing7' } },
    });
    expect(config.WECHAT_TEMPLATE_ID_BOOKING_REMINDER).toBe('tmpl-reminder');
    expect(config.OUTBOX_WORKER).toBe(false);
  });

  it('names a malformed or unknown template map', () => {
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_IDS: '{not json' })).toThrow(/WECHAT_TEMPLATE_IDS/);
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_IDS: '{"no-such-template":"x"}' })).toThrow(
      /WECHAT_TEMPLATE_IDS/,
    );
    expect(() =>
      loadConfig({ ...base, WECHAT_TEMPLATE_IDS: '{"staff-reply":{"id":"x","keywords":{"content":"thing"}}}' }),
    ).toThrow(/WECHAT_TEMPLATE_IDS/);
    expect(() => loadConfig({ ...base, WECHAT_MINIPROGRAM_STATE: 'beta' })).toThrow(/WECHAT_MINIPROGRAM_STATE/);
    expect(() => loadConfig({ ...base, OUTBOX_BATCH_SIZE: '0' })).toThrow(/OUTBOX_BATCH_SIZE/);
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  const trustProxy = (value?: string) => loadConfig({ ...base, TRUST_PROXY: value }).TRUST_PROXY;

  it('trusts no proxy by default', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('0')).toBe(false);
    expect(trustProxy('')).toBe(false);
  });

  it('reads a number as the count of proxies in front of the API', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('2')).toBe(2);
  });

  it('reads a list of proxy addresses and CIDR ranges', () => {
    expect(trustProxy('10.0.0.1, 10.0.0.0/8,fd00::/8')).toEqual(['10.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(trustProxy('loopback')).toEqual(['loopback']);
  });

  it('refuses "trust every hop" with a message that says why and what to write instead', () => {
    for (const value of ['true', 'all', 'yes', '*']) {
      expect(() => trustProxy(value)).toThrow(/TRUST_PROXY: trusting every proxy hop is not allowed.*e\.g\. 1/);
    }
  });

  it('refuses what is neither a hop count nor addresses, and ranges that cover every address', () => {
    for (const value of ['0.0.0.0/0', '::/0', '10.0.0.0/33', 'nginx', '10.0.0.1,', '1.5', '-1', '99']) {
      expect(() => trustProxy(value), value).toThrow(/TRUST_PROXY: must be a number of proxy hops/);
    }
  });
});

describe('loadConfig: REQUEST_TIMEOUT_MS', () => {
  it('gives a client two minutes to send a request, enough for a 10 MB attachment on a slow link', () => {
    expect(loadConfig(base).REQUEST_TIMEOUT_MS).toBe(120_000);
    expect(loadConfig({ ...base, REQUEST_TIMEOUT_MS: '30000' }).REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(() => loadConfig({ ...base, REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});

describe('loadConfig: API_DOCS', () => {
  it('leaves API_DOCS undecided unless set', () => {
    expect(loadConfig(base).API_DOCS).toBeUndefined();
    expect(loadConfig({ ...base, API_DOCS: '1' }).API_DOCS).toBe(true);
    expect(loadConfig({ ...base, API_DOCS: '0' }).API_DOCS).toBe(false);
  });
});
