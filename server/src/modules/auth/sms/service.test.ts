import { errorEnvelopeSchema, sessionSchema } from '@veterans/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, smsCodes, users } from '../../../db/schema/index';
import { sealedIn } from '../../../db/sealed-columns';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ConsoleSmsProvider } from './console';
import { SmsProviderError } from './provider';

describe('SMS sign-in', () => {
  let ctx: TestApp;
  const sent = vi.spyOn(ConsoleSmsProvider.prototype, 'send');
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterEach(() => {
    sent.mockClear();
  });
  afterAll(async () => {
    sent.mockRestore();
    await ctx.close();
  });

  let phoneCounter = 0;
  const newPhone = () => `139${String(Date.now() % 10_000).padStart(4, '0')}${String(phoneCounter++).padStart(4, '0')}`;
  let ipCounter = 0;
  const newIp = () => `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

  const send = (phone: string, ip = '10.0.0.1') =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone }, remoteAddress: ip });
  const verify = (phone: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sms/verify', payload: { phone, code } });
  const lastCode = () => {
    const call = sent.mock.calls.at(-1);
    if (!call) throw new Error('no SMS was sent');
    return call[1];
  };
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const expectError = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe(code);
  };
  const latestRow = async (phone: string) => {
    const [row] = await ctx.app.db
      .select()
      .from(smsCodes)
      .where(eq(smsCodes.phoneHash, ctx.app.cipher.hash(phone)))
      .orderBy(desc(smsCodes.id))
      .limit(1);
    if (!row) throw new Error('no code row');
    return row;
  };
  /** Moves every code sent to this phone into the past, as if `ms` had gone by. */
  const age = async (phone: string, ms: number) => {
    for (const row of await ctx.app.db
      .select()
      .from(smsCodes)
      .where(eq(smsCodes.phoneHash, ctx.app.cipher.hash(phone)))) {
      await ctx.app.db
        .update(smsCodes)
        .set({ createdAt: new Date(row.createdAt.getTime() - ms), expiresAt: new Date(row.expiresAt.getTime() - ms) })
        .where(eq(smsCodes.id, row.id));
    }
  };

  it('sends a six-digit code and signs in with it, creating the account once', async () => {
    const phone = newPhone();
    const response = await send(phone, newIp());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ cooldownSeconds: 60 });
    expect(sent).toHaveBeenCalledTimes(1);
    const code = lastCode();
    expect(code).toMatch(/^\d{6}$/);

    const row = await latestRow(phone);
    expect(row.codeHash).not.toContain(code);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(5 * 60 * 1000);

    const signedIn = await verify(phone, code);
    expect(signedIn.statusCode).toBe(200);
    const session = sessionSchema.parse(signedIn.json());
    expect(session.user).toMatchObject({
      type: 'citizen',
      role: 'veteran',
      displayName: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });

    const [user] = await ctx.app.db.select().from(users).where(eq(users.id, session.user.id));
    expect(user?.phoneHash).toBe(ctx.app.cipher.hash(phone));
    expect(user?.phoneCipher).not.toContain(phone);
    expect(ctx.app.cipher.decrypt(user?.phoneCipher as string, sealedIn(users.phoneCipher, session.user.id))).toBe(
      phone,
    );
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.sms.login'))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: session.user.id, detail: { created: true } });

    // The same phone later signs in to the same account.
    await age(phone, 61_000);
    await send(phone, newIp());
    const again = sessionSchema.parse((await verify(phone, lastCode())).json());
    expect(again.user.id).toBe(session.user.id);
  });

  it('uses a code once', async () => {
    const phone = newPhone();
    await send(phone, newIp());
    const code = lastCode();
    expect((await verify(phone, code)).statusCode).toBe(200);
    expectError(await verify(phone, code), 400, 'SMS_CODE_EXPIRED');
  });

  it('lets only one of two simultaneous checks of the same code through', async () => {
    const phone = newPhone();
    await send(phone, newIp());
    const code = lastCode();
    const responses = await Promise.all([verify(phone, code), verify(phone, code), verify(phone, code)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 400, 400]);
  });

  it('burns the code after five wrong tries', async () => {
    const phone = newPhone();
    await send(phone, newIp());
    const code = lastCode();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await verify(phone, wrongCode(code));
      expectError(response, 400, 'SMS_CODE_INVALID');
      expect(response.json().error.message).toBe('验证码错误');
    }
    expectError(await verify(phone, code), 400, 'SMS_CODE_EXPIRED');
    expect((await latestRow(phone)).attempts).toBe(5);
  });

  it('accepts the right code after a few wrong ones', async () => {
    const phone = newPhone();
    await send(phone, newIp());
    const code = lastCode();
    for (let attempt = 1; attempt <= 4; attempt++) await verify(phone, wrongCode(code));
    expect((await verify(phone, code)).statusCode).toBe(200);
  });

  it('refuses an expired code', async () => {
    const phone = newPhone();
    await send(phone, newIp());
    const code = lastCode();
    await ctx.app.db
      .update(smsCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(smsCodes.phoneHash, ctx.app.cipher.hash(phone)));
    expectError(await verify(phone, code), 400, 'SMS_CODE_EXPIRED');
  });

  it('refuses a code for a phone that was never sent one, and only the latest code counts', async () => {
    expectError(await verify(newPhone(), '123456'), 400, 'SMS_CODE_EXPIRED');
    const phone = newPhone();
    await send(phone, newIp());
    const first = lastCode();
    await age(phone, 61_000);
    await send(phone, newIp());
    const second = lastCode();
    if (first !== second) expectError(await verify(phone, first), 400, 'SMS_CODE_INVALID');
    expect((await verify(phone, second)).statusCode).toBe(200);
  });

  it('keeps one address to its hourly budget even when it asks for many phones at once', async () => {
    const ip = newIp();
    const phones = Array.from({ length: 30 }, newPhone);
    const answers = await Promise.all(phones.map((phone) => send(phone, ip)));
    const budget = ctx.app.config.SMS_PER_IP_PER_HOUR;
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(budget);
    for (const refused of answers.filter((answer) => answer.statusCode !== 200)) {
      expectError(refused, 429, 'SMS_TOO_FREQUENT');
    }
    expect(sent).toHaveBeenCalledTimes(budget);
  });

  it('sends at most one code a minute to a phone, saying how long to wait', async () => {
    const phone = newPhone();
    expect((await send(phone, newIp())).statusCode).toBe(200);
    const second = await send(phone, newIp());
    expectError(second, 429, 'SMS_TOO_FREQUENT');
    expect(second.json().error.message).toMatch(/^验证码发送过于频繁，请 (59|60) 秒后再试$/);
    expect(sent).toHaveBeenCalledTimes(1);
    await age(phone, 61_000);
    expect((await send(phone, newIp())).statusCode).toBe(200);
  });

  it('sends at most ten codes a day to a phone', async () => {
    const phone = newPhone();
    for (let count = 1; count <= 10; count++) {
      expect((await send(phone, newIp())).statusCode).toBe(200);
      await age(phone, 61 * 60_000);
    }
    const eleventh = await send(phone, newIp());
    expectError(eleventh, 429, 'SMS_TOO_FREQUENT');
    expect(eleventh.json().error.message).toMatch(/^验证码发送次数过多，请于 .*\d{2}:\d{2} 后再试$/);
    expect(sent).toHaveBeenCalledTimes(10);
  });

  it('sends at most twenty codes an hour from one IP address, to any phones', async () => {
    const ip = newIp();
    for (let count = 1; count <= 20; count++) expect((await send(newPhone(), ip)).statusCode).toBe(200);
    expectError(await send(newPhone(), ip), 429, 'SMS_TOO_FREQUENT');
    expect((await send(newPhone(), newIp())).statusCode).toBe(200);
  });

  it('counts parallel requests for one phone as one', async () => {
    const phone = newPhone();
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(phone, newIp())));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 429, 429, 429, 429]);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('answers SMS_SEND_FAILED when the provider fails, leaving no usable code', async () => {
    const phone = newPhone();
    sent.mockRejectedValueOnce(new SmsProviderError('isv.BUSINESS_LIMIT_CONTROL'));
    const response = await send(phone, newIp());
    expectError(response, 502, 'SMS_SEND_FAILED');
    const code = sent.mock.calls.at(-1)?.[1] as string;
    expectError(await verify(phone, code), 400, 'SMS_CODE_EXPIRED');
    // Nothing reached the person, so they may ask again at once.
    expect((await send(phone, newIp())).statusCode).toBe(200);
  });

  it('validates the phone number and code format', async () => {
    expectError(await send('12345'), 400, 'VALIDATION_FAILED');
    expectError(await verify(newPhone(), '12ab56'), 400, 'VALIDATION_FAILED');
  });
});

describe('console SMS provider', () => {
  it('logs the code with the phone masked, in the format the end-to-end tests read', async () => {
    const lines: string[] = [];
    const log = { info: (message: string) => lines.push(message) } as never;
    await new ConsoleSmsProvider(log).send('13800138000', '123456');
    expect(lines).toEqual(['SMS code for 138****8000: 123456']);
  });
});
