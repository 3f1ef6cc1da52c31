import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { DEMO_WECHAT_APP_ID, DEMO_WECHAT_APP_SECRET } from '../config';

/**
 * A stand-in for api.weixin.qq.com on loopback, for tests and local runs: code exchange, access tokens,
 * phone numbers and face verification (人脸核身 v2), with WeChat's error codes on demand. Start it, then pass `WECHAT_API_BASE: fake.baseUrl`.
 */

/** `wx.login` codes that make jscode2session fail the way WeChat does. */
export const FAKE_LOGIN_ERROR_CODES = {
  'code-invalid': 40029,
  'code-used': 40163,
  'code-rate-limited': 45011,
  'code-risky': 40226,
  'code-busy': -1,
} as const;

/** Codes answered with HTTP 500, or not answered within `slowMs`. */
export const FAKE_HTTP_500_CODE = 'code-http-500';
export const FAKE_SLOW_CODE = 'code-slow';

export interface FakeWechatOptions {
  appId?: string;
  appSecret?: string;
  /** Lifetime of each access token it hands out (WeChat: 7200 s). */
  tokenTtlSeconds?: number;
  /** How long FAKE_SLOW_CODE makes the caller wait. */
  slowMs?: number;
  /** The openid for codes it never handed out (e.g. from DevTools); by default each such code is its own user. */
  defaultOpenid?: string;
  port?: number;
}

export interface FakeWechat {
  baseUrl: string;
  /** How many times /cgi-bin/token was called. */
  tokenFetches: number;
  /** A one-time `wx.login` code for this openid; using it twice answers 40163. */
  loginCode(openid: string, unionid?: string): string;
  /** A one-time `getPhoneNumber` code for this phone number. */
  phoneCode(phone: string): string;
  /** Makes every token handed out so far invalid (WeChat answers 40001), as after a refresh elsewhere. */
  revokeTokens(): void;
  /** Makes every token handed out so far expired (WeChat answers 42001). */
  expireTokens(): void;
  /** The next getuserphonenumber calls answer these errcodes, one each, whatever the token and code. */
  scriptPhoneErrors(...errcodes: number[]): void;
  /** Calls to getuserphonenumber, with the access token each used. */
  phoneCalls: { accessToken: string; errcode: number }[];
  /**
   * 人脸核身: what the person did with the next session WeChat opens (`wx.requestFacialVerify`): 10000 a face that
   * matched, anything else one of WeChat's failures (90002 cancelled, …). Sessions not told anything succeed.
   */
  faceOutcomes: number[];
  /** Face-verification sessions opened, with the identity each was opened for. */
  faceSessions: { verifyId: string; outSeqNo: string; certName: string; certNo: string; openid: string }[];
  close(): Promise<void>;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appId = options.appId ?? DEMO_WECHAT_APP_ID;
  const appSecret = options.appSecret ?? DEMO_WECHAT_APP_SECRET;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
  const slowMs = options.slowMs ?? 10_000;
  const loginCodes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const phoneCodes = new Map<string, { phone: string; used: boolean }>();
  const tokens = new Map<string, IssuedToken>();
  const scriptedPhoneErrors: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const oneTimeCode = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

  const fake: FakeWechat = {
    baseUrl: '',
    tokenFetches: 0,
    phoneCalls: [],
    faceOutcomes: [],
    faceSessions: [],
    loginCode(openid, unionid) {
      const code = oneTimeCode('login');
      loginCodes.set(code, { openid, unionid, used: false });
      return code;
    },
    phoneCode(phone) {
      const code = oneTimeCode('phone');
      phoneCodes.set(code, { phone, used: false });
      return code;
    },
    revokeTokens() {
      for (const token of tokens.values()) token.revoked = true;
    },
    expireTokens() {
      for (const token of tokens.values()) token.expiresAt = Date.now() - 1;
    },
    scriptPhoneErrors(...errcodes) {
      scriptedPhoneErrors.push(...errcodes);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function jscode2session(query: URLSearchParams, response: ServerResponse) {
    if (query.get('appid') !== appId || query.get('secret') !== appSecret) {
      return send(response, 200, { errcode: 40013, errmsg: 'invalid appid' });
    }
    const code = query.get('js_code') ?? '';
    if (code === FAKE_HTTP_500_CODE) return send(response, 500, { message: 'internal error' });
    if (code === FAKE_SLOW_CODE) {
      const timer = setTimeout(() => send(response, 200, { errcode: -1, errmsg: 'too late' }), slowMs);
      timers.add(timer);
      return;
    }
    const scripted = FAKE_LOGIN_ERROR_CODES[code as keyof typeof FAKE_LOGIN_ERROR_CODES];
    if (scripted !== undefined) return send(response, 200, { errcode: scripted, errmsg: 'scripted error' });
    const entry = loginCodes.get(code);
    if (entry?.used) return send(response, 200, { errcode: 40163, errmsg: 'code been used' });
    if (entry) entry.used = true;
    // Unknown codes (e.g. from a local DevTools run) stand for a stable made-up user.
    const openid = entry?.openid ?? options.defaultOpenid ?? `o_fake_${code}`;
    const reply: Record<string, unknown> = { openid, session_key: randomBytes(16).toString('base64') };
    if (entry?.unionid) reply.unionid = entry.unionid;
    return send(response, 200, reply);
  }

  function token(query: URLSearchParams, response: ServerResponse) {
    fake.tokenFetches++;
    if (query.get('grant_type') !== 'client_credential') {
      return send(response, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    }
    if (query.get('appid') !== appId) return send(response, 200, { errcode: 40013, errmsg: 'invalid appid' });
    if (query.get('secret') !== appSecret) return send(response, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    const accessToken = `fake-token-${fake.tokenFetches}-${randomBytes(6).toString('hex')}`;
    tokens.set(accessToken, { expiresAt: Date.now() + tokenTtlSeconds * 1000, revoked: false });
    return send(response, 200, { access_token: accessToken, expires_in: tokenTtlSeconds });
  }

  async function phoneNumber(query: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    const accessToken = query.get('access_token') ?? '';
    const body = await readJson(request);
    const issued = tokens.get(accessToken);
    const tokenError =
      scriptedPhoneErrors.shift() ?? (!issued || issued.revoked ? 40001 : issued.expiresAt <= Date.now() ? 42001 : 0);
    if (tokenError) {
      fake.phoneCalls.push({ accessToken, errcode: tokenError });
      const errmsg = tokenError === 40001 || tokenError === 42001 ? 'access_token is invalid or expired' : 'scripted';
      return send(response, 200, { errcode: tokenError, errmsg });
    }
    const code = typeof body.code === 'string' ? body.code : '';
    const scripted = FAKE_LOGIN_ERROR_CODES[code as keyof typeof FAKE_LOGIN_ERROR_CODES];
    const entry = phoneCodes.get(code);
    const errcode: number = scripted ?? (!entry ? 40029 : entry.used ? 40163 : 0);
    fake.phoneCalls.push({ accessToken, errcode });
    if (errcode !== 0 || !entry) return send(response, 200, { errcode, errmsg: 'invalid code' });
    entry.used = true;
    return send(response, 200, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.phone,
        purePhoneNumber: entry.phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId },
      },
    });
  }

  const faceVerdicts = new Map<string, number>();

  function tokenValid(query: URLSearchParams): boolean {
    const issued = tokens.get(query.get('access_token') ?? '');
    return issued !== undefined && !issued.revoked && issued.expiresAt > Date.now();
  }

  async function faceVerifyId(query: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    if (!tokenValid(query)) return send(response, 200, { errcode: 40001, errmsg: 'invalid access_token' });
    const body = await readJson(request);
    const cert = (body.cert_info ?? {}) as Record<string, unknown>;
    const outSeqNo = String(body.out_seq_no ?? '');
    if (!/^[\w-]{5,32}$/.test(outSeqNo) || cert.cert_type !== 'IDENTITY_CARD' || !body.openid) {
      return send(response, 200, { errcode: 47001, errmsg: 'data format error' });
    }
    const verifyId = oneTimeCode('verify');
    fake.faceSessions.push({
      verifyId,
      outSeqNo,
      certName: String(cert.cert_name),
      certNo: String(cert.cert_no),
      openid: String(body.openid),
    });
    faceVerdicts.set(verifyId, fake.faceOutcomes.shift() ?? 10000);
    return send(response, 200, { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 });
  }

  async function faceVerifyInfo(query: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    if (!tokenValid(query)) return send(response, 200, { errcode: 40001, errmsg: 'invalid access_token' });
    const body = await readJson(request);
    const session = fake.faceSessions.find((entry) => entry.verifyId === body.verify_id);
    if (!session) return send(response, 200, { errcode: 40001001, errmsg: 'verify_id not found' });
    // WeChat checks the identity and the person asked about are the ones the session was opened for.
    const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
    const certHash = createHash('sha256')
      .update(`cert_type=${b64('IDENTITY_CARD')}&cert_name=${b64(session.certName)}&cert_no=${b64(session.certNo)}`)
      .digest('hex');
    if (body.cert_hash !== certHash || body.openid !== session.openid || body.out_seq_no !== session.outSeqNo) {
      return send(response, 200, { errcode: 40001002, errmsg: 'cert_info or openid mismatch' });
    }
    return send(response, 200, { errcode: 0, errmsg: 'ok', verify_ret: faceVerdicts.get(session.verifyId) });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-wechat');
    if (request.method === 'GET' && url.pathname === '/sns/jscode2session')
      return jscode2session(url.searchParams, response);
    if (request.method === 'GET' && url.pathname === '/cgi-bin/token') return token(url.searchParams, response);
    if (request.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      phoneNumber(url.searchParams, request, response).catch(() => send(response, 500, {}));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/cityservice/face/identify/getverifyid') {
      faceVerifyId(url.searchParams, request, response).catch(() => send(response, 500, {}));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/cityservice/face/identify/queryverifyinfo') {
      faceVerifyInfo(url.searchParams, request, response).catch(() => send(response, 500, {}));
      return;
    }
    send(response, 404, { errcode: 404, errmsg: 'not found' });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

// `node --import tsx src/testing/fake-wechat.ts [port]`: a fake WeChat for a local run (WECHAT_API_BASE=<printed URL>).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startFakeWechat({ port: Number(process.argv[2] ?? 0), defaultOpenid: 'o_fake_local_user' });
  console.log(`Fake WeChat listening: WECHAT_API_BASE=${fake.baseUrl}`);
}
