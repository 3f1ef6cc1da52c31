import type { WechatData } from '@veterans/shared';
import type { FastifyBaseLogger } from 'fastify';

/** Where the sender gets WeChat's access token (the wechat module's shared, cross-instance cached token). */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  /** WeChat said this token is no longer valid: forget it so the next call fetches a new one. */
  invalidate?(token: string): Promise<void> | void;
}

/** The body of `POST /cgi-bin/message/subscribe/send`. */
export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: WechatData;
  miniprogram_state: 'formal' | 'trial' | 'developer';
  lang: 'zh_CN';
}

/** What became of one send, and what the outbox row should do next. */
export type SendOutcome =
  | { status: 'sent'; msgid?: string }
  /** Worth trying again later (network, 5xx, system busy, …); `delayMs` overrides the backoff. */
  | { status: 'retry'; error: string; delayMs?: number }
  /** Trying again cannot help. `refundGrant`: WeChat surely did not deliver, so the user's grant is still good. */
  | { status: 'failed'; error: string; refundGrant?: boolean }
  /** The user does not (or no longer) accept this message; `resetGrant`: our grant count was wrong. */
  | { status: 'skipped'; error: string; resetGrant?: boolean };

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendOutcome>;
  /** The longest one `send` can take (token fetch and one token retry included): bounds the worker's lock. */
  readonly maxDurationMs: number;
}

export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';
export const DEFAULT_SEND_TIMEOUT_MS = 5000;
/** How long fetching an access token may take (the wechat client's own timeout, and a refresh lock wait). */
const TOKEN_FETCH_ALLOWANCE_MS = 10_000;
/** After a second token rejection in a row: soon, but not in a tight loop. */
export const TOKEN_RETRY_DELAY_MS = 30_000;

const ACCESS_TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const USER_REFUSED = 43101;
/** errcodes that another attempt cannot fix: the message itself or its recipient is wrong. */
const PERMANENT_ERRORS: Record<number, { reason: string; refundGrant: boolean }> = {
  40003: { reason: 'openid 无效', refundGrant: false },
  40037: { reason: '模板ID无效', refundGrant: true },
  41028: { reason: 'form_id 无效', refundGrant: true },
  41030: { reason: '跳转页面 page 无效', refundGrant: true },
  47003: { reason: '模板参数不正确', refundGrant: true },
};

const summary = (errcode: number, errmsg: unknown) =>
  `errcode ${errcode}: ${String(errmsg ?? '').slice(0, 200)}`.trim();

/** Only the path goes to the log: the URL carries the access token. */
export function createSubscribeSender(options: {
  apiBase: string;
  tokens: AccessTokenSource;
  timeoutMs?: number;
  log?: FastifyBaseLogger;
}): SubscribeSender {
  const { apiBase, tokens, log } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  type Reply =
    | { kind: 'answer'; errcode: number; errmsg?: unknown; msgid?: unknown }
    | { kind: 'error'; error: string };

  async function post(token: string, message: SubscribeMessage): Promise<Reply> {
    const url = new URL(SUBSCRIBE_SEND_PATH, apiBase);
    url.searchParams.set('access_token', token);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) return { kind: 'error', error: `HTTP ${response.status}` };
      const reply = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown; msgid?: unknown } | null;
      if (typeof reply !== 'object' || reply === null) return { kind: 'error', error: 'WeChat answered a non-object' };
      const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
      return { kind: 'answer', errcode, errmsg: reply.errmsg, msgid: reply.msgid };
    } catch (error) {
      const name = (error as Error).name;
      const reason = name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${timeoutMs} ms` : name;
      return { kind: 'error', error: `WeChat could not be reached (${reason})` };
    }
  }

  async function send(message: SubscribeMessage): Promise<SendOutcome> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await tokens.getAccessToken();
      } catch (error) {
        return { status: 'retry', error: `access token unavailable (${(error as Error).message})` };
      }
      const reply = await post(token, message);
      if (reply.kind === 'error') return { status: 'retry', error: reply.error };
      const { errcode, errmsg } = reply;
      if (errcode === 0) return { status: 'sent', msgid: reply.msgid === undefined ? undefined : String(reply.msgid) };
      if (ACCESS_TOKEN_ERRORS.has(errcode)) {
        log?.info({ api: SUBSCRIBE_SEND_PATH, errcode }, 'WeChat rejected the access token; fetching a new one');
        try {
          await tokens.invalidate?.(token);
        } catch (error) {
          log?.warn({ reason: (error as Error).message }, 'could not invalidate the WeChat access token');
        }
        if (attempt === 0) continue;
        return { status: 'retry', error: summary(errcode, errmsg), delayMs: TOKEN_RETRY_DELAY_MS };
      }
      if (errcode === USER_REFUSED) {
        return { status: 'skipped', error: `用户拒绝接收或未订阅（${summary(errcode, errmsg)}）`, resetGrant: true };
      }
      const permanent = PERMANENT_ERRORS[errcode];
      if (permanent) {
        log?.warn({ api: SUBSCRIBE_SEND_PATH, errcode }, 'WeChat refused a subscribe message');
        return {
          status: 'failed',
          error: `${permanent.reason}（${summary(errcode, errmsg)}）`,
          refundGrant: permanent.refundGrant,
        };
      }
      // -1 system busy, 45009 quota reached, anything unknown: later.
      return { status: 'retry', error: summary(errcode, errmsg) };
    }
  }

  // Two token fetches (the first and the one after a rejection) and two sends, plus slack.
  return { send, maxDurationMs: 2 * timeoutMs + 2 * TOKEN_FETCH_ALLOWANCE_MS + 5000 };
}
