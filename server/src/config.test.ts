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
});
