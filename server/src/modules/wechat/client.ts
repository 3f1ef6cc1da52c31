import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { isAccessTokenRejected, wechatErrorCode } from './errors';
import { type AccessTokenStore, type CachedToken, databaseTokenStore, isFresh, redisTokenStore } from './token-store';

export const WECHAT_TIMEOUT_MS = 5000;
/** queryVerifyInfo's verify_ret for a face that matched the identity. */
const FACE_VERIFIED = 10000;

export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

/** The WeChat server APIs this service needs. Secrets and `session_key` never leave this module. */
export interface WechatClient {
  /** `wx.login` code → the user's openid (jscode2session). */
  code2session(code: string): Promise<WechatIdentity>;
  /** `getPhoneNumber` button code → the bound phone number, without country code. */
  phoneNumber(code: string): Promise<string>;
  /** The shared access token, fetched when missing or about to expire. */
  accessToken(): Promise<string>;
  /** 人脸核身 v2: a face-verification session for this person (getVerifyId). */
  faceVerifyId(request: FaceVerifySession): Promise<string>;
  /** 人脸核身 v2: WeChat's own verdict on a session (queryVerifyInfo); true only for verify_ret 10000. */
  faceVerified(request: FaceVerifySession & { verifyId: string }): Promise<boolean>;
}

/** What binds a face-verification session: our serial number, the person's identity and their openid. */
export interface FaceVerifySession {
  outSeqNo: string;
  name: string;
  idNumber: string;
  openid: string;
}

/**
 * `cert_hash` of queryVerifyInfo: SHA-256 (lower-case hex) of `cert_type=…&cert_name=…&cert_no=…`, each value in
 * standard base64 — so WeChat can check the identity asked about is the one the session was opened for.
 */
export function faceCertHash(name: string, idNumber: string): string {
  const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
  return createHash('sha256')
    .update(`cert_type=${b64('IDENTITY_CARD')}&cert_name=${b64(name)}&cert_no=${b64(idNumber)}`)
    .digest('hex');
}

export interface WechatClientOptions {
  config: Pick<Config, 'WECHAT_API_BASE' | 'WECHAT_APP_ID' | 'WECHAT_APP_SECRET'>;
  db: Database;
  redis: Redis | null;
  log: FastifyBaseLogger;
  timeoutMs?: number;
  now?: () => Date;
}

type WechatReply = Record<string, unknown> & { errcode?: number; errmsg?: string };

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const { config, log } = options;
  const timeoutMs = options.timeoutMs ?? WECHAT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const databaseStore = databaseTokenStore(options.db, config.WECHAT_APP_ID);
  const redisStore = options.redis ? redisTokenStore(options.redis, config.WECHAT_APP_ID) : null;

  /** One call to WeChat. The URL holds the secret and codes: only its path is ever logged. */
  async function call(path: string, query: Record<string, string>, body?: unknown): Promise<WechatReply> {
    const url = new URL(path, config.WECHAT_API_BASE);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    try {
      const response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        log.warn({ api: path, status: response.status }, 'WeChat answered with an HTTP error');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      const reply = JSON.parse(await response.text()) as unknown;
      if (typeof reply !== 'object' || reply === null) throw new Error('not a JSON object');
      return reply as WechatReply;
    } catch (error) {
      if (error instanceof AppError) throw error;
      log.warn({ api: path, reason: (error as Error).name }, 'WeChat could not be reached');
      throw new AppError('WECHAT_UNAVAILABLE');
    }
  }

  const failed = (reply: WechatReply) => typeof reply.errcode === 'number' && reply.errcode !== 0;

  function reject(path: string, reply: WechatReply): never {
    const errcode = reply.errcode as number;
    const code = wechatErrorCode(errcode);
    const level = code === 'WECHAT_UNAVAILABLE' ? 'warn' : 'info';
    log[level]({ api: path, errcode }, 'WeChat refused the request');
    throw new AppError(code);
  }

  async function fetchToken(): Promise<CachedToken> {
    const path = '/cgi-bin/token';
    const reply = await call(path, {
      grant_type: 'client_credential',
      appid: config.WECHAT_APP_ID,
      secret: config.WECHAT_APP_SECRET,
    });
    if (failed(reply) || typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
      // A wrong app id/secret or a missing IP allow-list entry: an operator must act.
      log.error({ api: path, errcode: reply.errcode }, 'WeChat refused the access token request');
      throw new AppError('WECHAT_UNAVAILABLE');
    }
    return { token: reply.access_token, expiresAt: new Date(now().getTime() + reply.expires_in * 1000) };
  }

  /** Redis when configured, the database otherwise; a Redis failure falls back to the database. */
  async function withStore<T>(use: (store: AccessTokenStore) => Promise<T>): Promise<T> {
    if (redisStore) {
      try {
        return await use(redisStore);
      } catch (error) {
        if (error instanceof AppError) throw error;
        log.warn({ reason: (error as Error).message }, 'Redis unavailable for the WeChat token; using the database');
      }
    }
    return use(databaseStore);
  }

  /** A POST with the shared access token; a token WeChat rejects is renewed once. Refusals become AppErrors. */
  async function callWithToken(path: string, body: unknown): Promise<WechatReply> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      const reply = await call(path, { access_token: token }, body);
      if (failed(reply) && isAccessTokenRejected(reply.errcode as number) && attempt === 0) {
        log.info({ api: path, errcode: reply.errcode }, 'WeChat rejected the cached access token; fetching a new one');
        await withStore((store) => store.invalidate(token));
        continue;
      }
      if (failed(reply)) reject(path, reply);
      return reply;
    }
  }

  async function accessToken(): Promise<string> {
    return withStore(async (store) => {
      const cached = await store.read();
      if (isFresh(cached, now())) return cached.token;
      return store.refresh(fetchToken, now);
    });
  }

  return {
    accessToken,

    async code2session(code) {
      const path = '/sns/jscode2session';
      const reply = await call(path, {
        appid: config.WECHAT_APP_ID,
        secret: config.WECHAT_APP_SECRET,
        js_code: code,
        grant_type: 'authorization_code',
      });
      if (failed(reply)) reject(path, reply);
      // session_key is deliberately dropped here: nothing in this service decrypts WeChat data with it.
      const { openid, unionid } = reply;
      if (typeof openid !== 'string' || openid === '') {
        log.warn({ api: path }, 'WeChat answered without an openid');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return typeof unionid === 'string' ? { openid, unionid } : { openid };
    },

    async phoneNumber(code) {
      const path = '/wxa/business/getuserphonenumber';
      const reply = await callWithToken(path, { code });
      const phone = (reply.phone_info as { purePhoneNumber?: unknown } | undefined)?.purePhoneNumber;
      if (typeof phone !== 'string' || phone === '') {
        log.warn({ api: path }, 'WeChat answered without a phone number');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return phone;
    },

    async faceVerifyId({ outSeqNo, name, idNumber, openid }) {
      const path = '/cityservice/face/identify/getverifyid';
      const reply = await callWithToken(path, {
        out_seq_no: outSeqNo,
        cert_info: { cert_type: 'IDENTITY_CARD', cert_name: name, cert_no: idNumber },
        openid,
      });
      if (typeof reply.verify_id !== 'string' || reply.verify_id === '') {
        log.warn({ api: path }, 'WeChat answered without a verify_id');
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return reply.verify_id;
    },

    async faceVerified({ outSeqNo, name, idNumber, openid, verifyId }) {
      const reply = await callWithToken('/cityservice/face/identify/queryverifyinfo', {
        verify_id: verifyId,
        out_seq_no: outSeqNo,
        cert_hash: faceCertHash(name, idNumber),
        openid,
      });
      return reply.verify_ret === FACE_VERIFIED;
    },
  };
}
