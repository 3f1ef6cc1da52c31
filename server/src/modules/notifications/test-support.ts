import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_WECHAT_APP_ID, DEMO_WECHAT_APP_SECRET } from '../../config';

/**
 * Test helper (not used by production code): a stand-in for WeChat's token and subscribe-message APIs on
 * loopback, counting every message it accepted. The shared fake in `testing/fake-wechat.ts` has no
 * subscribe/send endpoint; this one stays in the notifications module.
 */

/** How the fake answers one subscribe/send call. */
export type FakeAnswer =
  | { kind: 'ok' }
  | { kind: 'errcode'; errcode: number }
  | { kind: 'http'; status: number }
  /** Answer ok, but only after `ms` (a slow WeChat, or a timeout when `ms` exceeds the sender's). */
  | { kind: 'slow'; ms: number; finally?: FakeAnswer }
  /** Close the connection without an answer. */
  | { kind: 'hang-up' };

export interface SubscribeCall {
  accessToken: string;
  body: {
    touser?: string;
    template_id?: string;
    page?: string;
    data?: Record<string, { value: string }>;
    miniprogram_state?: string;
    lang?: string;
  };
  answer: FakeAnswer['kind'] | number;
}

export interface FakeSubscribeWechat {
  baseUrl: string;
  tokenFetches: number;
  /** Every subscribe/send call, in order, whatever the answer. */
  calls: SubscribeCall[];
  /** Messages accepted (answered errcode 0), keyed by touser + template + data: a key above 1 is a duplicate. */
  delivered: Map<string, number>;
  /** The next calls get these answers, one each; then `defaultAnswer`. */
  script(...answers: FakeAnswer[]): void;
  /** What calls get when nothing is scripted (errcode 0 at first). */
  defaultAnswer: FakeAnswer;
  /** Per-recipient answers, before the script: e.g. an openid that refused all messages (43101). */
  answerFor: Map<string, FakeAnswer>;
  /** Makes every token handed out so far invalid (40001), as after a refresh elsewhere. */
  revokeTokens(): void;
  deliveredTotal(): number;
  close(): Promise<void>;
}

export const deliveryKey = (body: SubscribeCall['body']) =>
  `${body.touser}|${body.template_id}|${JSON.stringify(body.data ?? {})}`;

function reply(response: ServerResponse, status: number, body: unknown) {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startFakeSubscribeWechat(): Promise<FakeSubscribeWechat> {
  const tokens = new Map<string, { revoked: boolean }>();
  const scripted: FakeAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const fake: FakeSubscribeWechat = {
    baseUrl: '',
    tokenFetches: 0,
    calls: [],
    delivered: new Map(),
    defaultAnswer: { kind: 'ok' },
    answerFor: new Map(),
    script(...answers) {
      scripted.push(...answers);
    },
    revokeTokens() {
      for (const token of tokens.values()) token.revoked = true;
    },
    deliveredTotal() {
      let total = 0;
      for (const count of fake.delivered.values()) total += count;
      return total;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function answer(call: SubscribeCall, chosen: FakeAnswer, response: ServerResponse) {
    switch (chosen.kind) {
      case 'ok': {
        const key = deliveryKey(call.body);
        fake.delivered.set(key, (fake.delivered.get(key) ?? 0) + 1);
        return reply(response, 200, { errcode: 0, errmsg: 'ok', msgid: Number(randomBytes(4).readUInt32BE()) });
      }
      case 'errcode':
        return reply(response, 200, { errcode: chosen.errcode, errmsg: `scripted ${chosen.errcode}` });
      case 'http':
        return reply(response, chosen.status, { message: 'scripted HTTP error' });
      case 'hang-up':
        response.socket?.destroy();
        return;
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          // WeChat delivers even when the caller stopped waiting: count it if answered ok.
          answer(call, chosen.finally ?? { kind: 'ok' }, response);
        }, chosen.ms);
        timers.add(timer);
        return;
      }
    }
  }

  async function subscribeSend(query: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const accessToken = query.get('access_token') ?? '';
    let body: SubscribeCall['body'] = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(response, 200, { errcode: 47001, errmsg: 'data format error' });
    }
    const issued = tokens.get(accessToken);
    if (!issued || issued.revoked) {
      fake.calls.push({ accessToken, body, answer: 40001 });
      return reply(response, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
    }
    const chosen = fake.answerFor.get(body.touser ?? '') ?? scripted.shift() ?? fake.defaultAnswer;
    const call: SubscribeCall = {
      accessToken,
      body,
      answer: chosen.kind === 'errcode' ? chosen.errcode : chosen.kind,
    };
    fake.calls.push(call);
    answer(call, chosen, response);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-wechat');
    if (request.method === 'GET' && url.pathname === '/cgi-bin/token') {
      fake.tokenFetches++;
      if (
        url.searchParams.get('appid') !== DEMO_WECHAT_APP_ID ||
        url.searchParams.get('secret') !== DEMO_WECHAT_APP_SECRET
      ) {
        return reply(response, 200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      const token = `fake-token-${fake.tokenFetches}-${randomBytes(4).toString('hex')}`;
      tokens.set(token, { revoked: false });
      return reply(response, 200, { access_token: token, expires_in: 7200 });
    }
    if (request.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      subscribeSend(url.searchParams, request, response).catch(() => reply(response, 500, {}));
      return;
    }
    reply(response, 404, { errcode: 404, errmsg: 'not found' });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
