import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../../config';
import { AliyunSmsProvider, aliyunSettingsFrom } from './aliyun';
import { ConsoleSmsProvider } from './console';
import type { SmsProvider } from './provider';

export type { SmsProvider } from './provider';

/** The provider named by SMS_PROVIDER (the configuration has already checked it has what it needs). */
export function createSmsProvider(config: Config, log: FastifyBaseLogger): SmsProvider {
  switch (config.SMS_PROVIDER) {
    case 'aliyun':
      return new AliyunSmsProvider(aliyunSettingsFrom(config));
    case 'console':
      return new ConsoleSmsProvider(log);
  }
}
