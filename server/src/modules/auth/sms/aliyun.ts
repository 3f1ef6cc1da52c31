import * as dysmsapi from '@alicloud/dysmsapi20170525';
import * as openApi from '@alicloud/openapi-client';
import type { Config } from '../../../config';
import { type SmsProvider, SmsProviderError } from './provider';

/**
 * The SDK is CommonJS with `exports.default = Client`: under Node's ESM loader the namespace's `default` is the
 * whole `module.exports` and the class sits one level further down; bundlers and the type checker see it
 * directly. Take whichever is there.
 */
const SmsClient = (dysmsapi.default as unknown as { default?: typeof dysmsapi.default }).default ?? dysmsapi.default;
type SmsClientInstance = InstanceType<typeof SmsClient>;
type ClientConfig = ConstructorParameters<typeof SmsClient>[0];

export type AliyunSmsSettings = Required<
  Pick<
    Config,
    | 'ALIYUN_ACCESS_KEY_ID'
    | 'ALIYUN_ACCESS_KEY_SECRET'
    | 'ALIYUN_SMS_SIGN_NAME'
    | 'ALIYUN_SMS_TEMPLATE_CODE'
    | 'ALIYUN_SMS_ENDPOINT'
  >
> & {
  /** `https` in production; tests point the SDK at a plain-HTTP stand-in on loopback. */
  protocol?: 'https' | 'http';
  timeoutMs?: number;
};

export function aliyunSettingsFrom(config: Config): AliyunSmsSettings {
  const { ALIYUN_ACCESS_KEY_ID, ALIYUN_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE } = config;
  if (!ALIYUN_ACCESS_KEY_ID || !ALIYUN_ACCESS_KEY_SECRET || !ALIYUN_SMS_SIGN_NAME || !ALIYUN_SMS_TEMPLATE_CODE) {
    throw new Error('SMS_PROVIDER=aliyun needs ALIYUN_ACCESS_KEY_ID, _SECRET, ALIYUN_SMS_SIGN_NAME and _TEMPLATE_CODE');
  }
  return {
    ALIYUN_ACCESS_KEY_ID,
    ALIYUN_ACCESS_KEY_SECRET,
    ALIYUN_SMS_SIGN_NAME,
    ALIYUN_SMS_TEMPLATE_CODE,
    ALIYUN_SMS_ENDPOINT: config.ALIYUN_SMS_ENDPOINT,
  };
}

/** The SendSms request for one sign-in code; the template has one variable, `${code}`. */
export function sendSmsRequest(settings: AliyunSmsSettings, phone: string, code: string) {
  return new dysmsapi.SendSmsRequest({
    phoneNumbers: phone,
    signName: settings.ALIYUN_SMS_SIGN_NAME,
    templateCode: settings.ALIYUN_SMS_TEMPLATE_CODE,
    templateParam: JSON.stringify({ code }),
  });
}

/** 阿里云短信服务 (Dysmsapi 2017-05-25) through the official SDK. */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly client: SmsClientInstance;

  constructor(private readonly settings: AliyunSmsSettings) {
    const timeoutMs = settings.timeoutMs ?? 5000;
    const config = new openApi.Config({
      accessKeyId: settings.ALIYUN_ACCESS_KEY_ID,
      accessKeySecret: settings.ALIYUN_ACCESS_KEY_SECRET,
      endpoint: settings.ALIYUN_SMS_ENDPOINT,
      protocol: settings.protocol ?? 'https',
      connectTimeout: timeoutMs,
      readTimeout: timeoutMs,
    });
    // openapi-client's Config and the SDK's (openapi-core) are the same shape under two package names.
    this.client = new SmsClient(config as unknown as ClientConfig);
  }

  async send(phone: string, code: string): Promise<void> {
    let response: Awaited<ReturnType<SmsClientInstance['sendSms']>>;
    try {
      response = await this.client.sendSms(sendSmsRequest(this.settings, phone, code));
    } catch (error) {
      const providerCode = (error as { code?: unknown }).code;
      throw new SmsProviderError(typeof providerCode === 'string' ? providerCode : 'RequestFailed');
    }
    const result = response.body;
    if (result?.code !== 'OK') throw new SmsProviderError(result?.code ?? 'EmptyResponse');
  }
}
