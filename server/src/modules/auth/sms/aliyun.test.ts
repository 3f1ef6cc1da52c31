import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AliyunSmsProvider, type AliyunSmsSettings, sendSmsRequest } from './aliyun';
import { SmsProviderError } from './provider';

/** A plain-HTTP stand-in for dysmsapi.aliyuncs.com on loopback: the real SDK signs and sends to it. */
describe('Aliyun SMS provider', () => {
  let server: Server;
  let settings: AliyunSmsSettings;
  let requests: { method: string; url: URL; headers: IncomingMessage['headers'] }[] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({
        method: request.method ?? '',
        url: new URL(request.url ?? '/', 'http://x'),
        headers: request.headers,
      });
      request.resume();
      request.on('end', () => {
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    settings = {
      ALIYUN_ACCESS_KEY_ID: 'LTAI-test-id',
      ALIYUN_ACCESS_KEY_SECRET: 'test-secret',
      ALIYUN_SMS_SIGN_NAME: '魏都区退役军人服务中心',
      ALIYUN_SMS_TEMPLATE_CODE: 'SMS_123456789',
      ALIYUN_SMS_ENDPOINT: `127.0.0.1:${(server.address() as AddressInfo).port}`,
      protocol: 'http',
      timeoutMs: 2000,
    };
  });
  beforeEach(() => {
    requests = [];
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('maps a code to a SendSms request', () => {
    const request = sendSmsRequest(settings, '13800138000', '042917');
    expect(request).toMatchObject({
      phoneNumbers: '13800138000',
      signName: '魏都区退役军人服务中心',
      templateCode: 'SMS_123456789',
      templateParam: '{"code":"042917"}',
    });
  });

  it('sends a signed SendSms call and accepts Code OK', async () => {
    reply = { status: 200, body: { Code: 'OK', Message: 'OK', RequestId: 'req-1', BizId: 'biz-1' } };
    await new AliyunSmsProvider(settings).send('13800138000', '042917');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.headers['x-acs-action']).toBe('SendSms');
    expect(request?.headers['x-acs-version']).toBe('2017-05-25');
    expect(request?.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI-test-id,/);
    expect(request?.headers.authorization).not.toContain('test-secret');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      PhoneNumbers: '13800138000',
      SignName: '魏都区退役军人服务中心',
      TemplateCode: 'SMS_123456789',
      TemplateParam: '{"code":"042917"}',
    });
  });

  it('throws with the provider code when Aliyun refuses the message', async () => {
    reply = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控', RequestId: 'req-2' } };
    const attempt = new AliyunSmsProvider(settings).send('13800138000', '042917');
    await expect(attempt).rejects.toBeInstanceOf(SmsProviderError);
    await expect(attempt).rejects.toMatchObject({ providerCode: 'isv.BUSINESS_LIMIT_CONTROL' });
  });

  it('throws on an HTTP error (e.g. a wrong access key)', async () => {
    reply = { status: 404, body: { Code: 'InvalidAccessKeyId.NotFound', Message: 'not found', RequestId: 'req-3' } };
    await expect(new AliyunSmsProvider(settings).send('13800138000', '042917')).rejects.toMatchObject({
      providerCode: 'InvalidAccessKeyId.NotFound',
    });
  });

  it('throws when the endpoint cannot be reached', async () => {
    const unreachable = new AliyunSmsProvider({ ...settings, ALIYUN_SMS_ENDPOINT: '127.0.0.1:1' });
    await expect(unreachable.send('13800138000', '042917')).rejects.toBeInstanceOf(SmsProviderError);
  });
});
