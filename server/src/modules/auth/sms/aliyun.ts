import type { Config } from '../../../config';
import { type SmsProvider, SmsProviderError } from './provider';

/**
 * The SDK, loaded with the first message: it holds ~40 MB of memory, which a server that never sends one
 * (SMS_PROVIDER=console) should not pay. It is CommonJS with `exports.default = Client`: under Node's ESM loader
 * the namespace's `default` is the whole `module.exports` and the class sits one level further down; bundlers
 * and the type checker see it directly. Take whichever is there.
 */
async function loadSdk() {
  const [dysmsapi, openApi] = await Promise.all([
    import('@alicloud/dysmsapi20170525'),
    import('@alicloud/openapi-client'),
  ]);
  const SmsClient = (dysmsapi.default as unknown as { default?: typeof dysmsapi.default }).default ?? dysmsapi.default;
  return { dysmsapi, openApi, SmsClient };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;
type SmsClientInstance = InstanceType<Sdk['SmsClient']>;
type ClientConfig = ConstructorParameters<Sdk['SmsClient']>[0];

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

/** The fields of the SendSms request for one sign-in code; the template has one variable, `${code}`. */
export function sendSmsRequest(settings: AliyunSmsSettings, phone: string, code: string) {
  return {
    phoneNumbers: phone,
    signName: settings.ALIYUN_SMS_SIGN_NAME,
    templateCode: settings.ALIYUN_SMS_TEMPLATE_CODE,
    templateParam: JSON.stringify({ code }),
  };
}

/** 阿里云短信服务 (Dysmsapi 2017-05-25) through the official SDK. */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private connection: Promise<{ sdk: Sdk; client: SmsClientInstance }> | undefined;

  constructor(private readonly settings: AliyunSmsSettings) {}

  private async connect() {
    const sdk = await loadSdk();
    const timeoutMs = this.settings.timeoutMs ?? 5000;
    const config = new sdk.openApi.Config({
      accessKeyId: this.settings.ALIYUN_ACCESS_KEY_ID,
      accessKeySecret: this.settings.ALIYUN_ACCESS_KEY_SECRET,
      endpoint: this.settings.ALIYUN_SMS_ENDPOINT,
      protocol: this.settings.protocol ?? 'https',
      connectTimeout: timeoutMs,
      readTimeout: timeoutMs,
    });
    // openapi-client's Config and the SDK's (openapi-core) are the same shape under two package names.
    return { sdk, client: new sdk.SmsClient(config as unknown as ClientConfig) };
  }

  async send(phone: string, code: string): Promise<void> {
    this.connection ??= this.connect();
    const { sdk, client } = await this.connection;
    let response: Awaited<ReturnType<SmsClientInstance['sendSms']>>;
    try {
      response = await client.sendSms(new sdk.dysmsapi.SendSmsRequest(sendSmsRequest(this.settings, phone, code)));
    } catch (error) {
      const providerCode = (error as { code?: unknown }).code;
      throw new SmsProviderError(typeof providerCode === 'string' ? providerCode : 'RequestFailed');
    }
    const result = response.body;
    if (result?.code !== 'OK') throw new SmsProviderError(result?.code ?? 'EmptyResponse');
  }
}
