import { PRIVACY_POLICY_VERSION, type Session } from '@veterans/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_BASE } from '../../api/base-url';
import { session } from '../../api/session';
import { draftKey } from '../../hooks/drafts';
import { completeCitizenSignIn, signOut } from './sign-in';

const taro = await vi.hoisted(async () => (await import('../../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

const user = {
  id: 9,
  type: 'citizen',
  role: 'veteran',
  displayName: '138****8000',
  unitId: null,
  unitLevel: null,
  isSupervisor: false,
  mustChangePassword: false,
} as const;
const signed: Session = {
  accessToken: 'access-new',
  accessTokenExpiresIn: 900,
  refreshToken: 'refresh-new-0123456789abcd',
  user,
};

function me(privacyPolicyVersion: string | null) {
  return {
    id: 9,
    kind: 'veteran',
    phone: '138****8000',
    hasWechat: false,
    identity: null,
    veteranStatus: 'none',
    communityUnitId: null,
    careMode: false,
    identityProof: null,
    faceVerification: false,
    consents: { privacyPolicyVersion, sensitiveInfo: false },
  };
}

type Call = { url: string; method: string; header: Record<string, string>; data?: unknown };

afterEach(() => {
  vi.clearAllMocks();
  session.clear();
  taro.reset();
});

describe('completeCitizenSignIn', () => {
  it('records the privacy consent with the new token before the session is kept', async () => {
    const seen: { call: Call; stored: boolean }[] = [];
    taro.request.mockImplementation(async (call: Call) => {
      seen.push({ call, stored: session.get() !== null });
      if (call.url === `${API_BASE}/me`) return { statusCode: 200, data: me(null) };
      return { statusCode: 201, data: { privacyPolicyVersion: PRIVACY_POLICY_VERSION, sensitiveInfo: false } };
    });

    const result = await completeCitizenSignIn(signed);

    expect(seen.map(({ call }) => `${call.method} ${call.url.slice(API_BASE.length)}`)).toEqual([
      'GET /me',
      'POST /me/consents',
    ]);
    expect(seen.every(({ call }) => call.header.Authorization === 'Bearer access-new')).toBe(true);
    expect(seen.every(({ stored }) => !stored)).toBe(true);
    expect(seen[1]?.call.data).toEqual({ kind: 'privacy-policy', version: PRIVACY_POLICY_VERSION, granted: true });
    expect(result.consents.privacyPolicyVersion).toBe(PRIVACY_POLICY_VERSION);
    expect(session.get()).toEqual({ accessToken: 'access-new', refreshToken: signed.refreshToken, user });
  });

  it('does not record the consent again for the current version', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: me(PRIVACY_POLICY_VERSION) });
    await completeCitizenSignIn(signed);
    expect(taro.request).toHaveBeenCalledTimes(1);
  });

  it('keeps no session when the consent could not be recorded', async () => {
    taro.request.mockResolvedValueOnce({ statusCode: 200, data: me(null) }).mockResolvedValueOnce({
      statusCode: 503,
      data: { error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用' } },
    });
    await expect(completeCitizenSignIn(signed)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(session.get()).toBeNull();
  });

  it("signs out someone else's session on this device, drafts included", async () => {
    session.set({ accessToken: 'a', refreshToken: 'other-refresh-0123456789', user: { ...user, id: 4 } });
    taro.storage.set(draftKey('identity:4'), { name: '李四' });
    taro.request.mockImplementation(async (call: Call) =>
      call.url.endsWith('/auth/logout')
        ? { statusCode: 204, data: '' }
        : { statusCode: 200, data: me(PRIVACY_POLICY_VERSION) },
    );
    await completeCitizenSignIn(signed);
    expect(taro.storage.has(draftKey('identity:4'))).toBe(false);
    const logout = taro.request.mock.calls.find(([call]) => (call as Call).url.endsWith('/auth/logout'));
    expect((logout?.[0] as Call | undefined)?.data).toEqual({ refreshToken: 'other-refresh-0123456789' });
    expect(session.get()?.user.id).toBe(9);
  });
});

describe('signOut', () => {
  it('forgets the session and the drafts even when the server cannot be reached', async () => {
    session.set({ accessToken: 'a', refreshToken: 'refresh-0123456789abcdef', user });
    taro.storage.set(draftKey('identity:9'), { name: '张三' });
    taro.request.mockRejectedValue({ errMsg: 'request:fail' });
    await signOut();
    expect(session.get()).toBeNull();
    expect(taro.storage.size).toBe(0);
  });
});
