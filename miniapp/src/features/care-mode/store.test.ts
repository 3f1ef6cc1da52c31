import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../api/session';
import { answerCareModeOffer, careModeOffer, checkCareMode, offeredKey } from './offer';
import {
  CARE_MODE_STORAGE_KEY,
  careModePreference,
  changeCareMode,
  pageModeFor,
  reconcileCareMode,
  syncWithAccount,
} from './store';

const taro = await vi.hoisted(async () => (await import('../../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

function me(overrides: { careMode?: boolean; birthDate?: string | null } = {}) {
  const birthDate = overrides.birthDate === undefined ? '1960-01-01' : overrides.birthDate;
  return {
    id: 7,
    kind: 'veteran',
    phone: '139****0000',
    hasWechat: false,
    identity: birthDate ? { name: '王*', idNumber: '4110**********1234', birthDate, gender: 'male' } : null,
    veteranStatus: 'verified',
    communityUnitId: null,
    careMode: overrides.careMode ?? false,
    identityProof: null,
    faceVerification: false,
    consents: { privacyPolicyVersion: '1', sensitiveInfo: false },
  };
}

function signIn(type: 'citizen' | 'staff' = 'citizen', id = 7) {
  session.set({
    accessToken: 'access',
    refreshToken: 'refresh',
    user: {
      id,
      type,
      role: type === 'citizen' ? 'veteran' : 'staff',
      displayName: '测试',
      unitId: null,
      unitLevel: null,
      isSupervisor: false,
      mustChangePassword: false,
    },
  });
}

/** Answers the next API calls in order; records what was sent. */
function serverAnswers(...bodies: unknown[]) {
  for (const body of bodies) taro.request.mockResolvedValueOnce({ statusCode: 200, data: body, header: {} });
}

beforeEach(() => {
  taro.reset();
  careModePreference.reset();
  careModeOffer.reset();
});

afterEach(() => {
  vi.clearAllMocks();
  session.clear();
});

describe('reconcileCareMode', () => {
  it('takes the account’s setting, unless the device changed it while signed out', () => {
    expect(reconcileCareMode({ on: false, unsaved: false }, true)).toEqual({ on: true, saveToAccount: false });
    expect(reconcileCareMode({ on: true, unsaved: false }, false)).toEqual({ on: false, saveToAccount: false });
    expect(reconcileCareMode({ on: true, unsaved: true }, false)).toEqual({ on: true, saveToAccount: true });
    expect(reconcileCareMode({ on: true, unsaved: true }, true)).toEqual({ on: true, saveToAccount: false });
  });
});

describe('pageModeFor', () => {
  it('applies care mode to every page unless the page asks otherwise or the user is staff', () => {
    expect(pageModeFor(undefined, true, 'citizen')).toBe('care');
    expect(pageModeFor(undefined, true, undefined)).toBe('care');
    expect(pageModeFor(undefined, false, 'citizen')).toBe('standard');
    expect(pageModeFor(undefined, true, 'staff')).toBe('standard');
    expect(pageModeFor('standard', true, 'citizen')).toBe('standard');
  });
});

describe('changeCareMode', () => {
  it('signed out: remembered on the device, to be saved at the next sign-in', async () => {
    await changeCareMode(true);
    expect(careModePreference.isOn()).toBe(true);
    expect(taro.storage.get(CARE_MODE_STORAGE_KEY)).toEqual({ on: true, unsaved: true });
    expect(taro.request).not.toHaveBeenCalled();

    signIn();
    serverAnswers(me({ careMode: true }));
    await syncWithAccount({ careMode: false });
    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({ method: 'PUT', url: expect.stringMatching(/\/me$/), data: { careMode: true } }),
    );
    expect(careModePreference.get()).toEqual({ on: true, unsaved: false });
  });

  it('signed in: saved to the account with PUT /me', async () => {
    signIn();
    serverAnswers(me({ careMode: true }));
    await changeCareMode(true);
    expect(taro.request).toHaveBeenCalledWith(expect.objectContaining({ method: 'PUT', data: { careMode: true } }));
    expect(careModePreference.get()).toEqual({ on: true, unsaved: false });
  });

  it('keeps the change on the device when saving fails, and saves it later', async () => {
    signIn();
    taro.request.mockRejectedValueOnce(new Error('offline'));
    await changeCareMode(true);
    expect(careModePreference.get()).toEqual({ on: true, unsaved: true });
  });
});

describe('the one-time offer', () => {
  it('asks a veteran aged 60 or over once, and turns care mode on when accepted', async () => {
    signIn();
    serverAnswers(me({ birthDate: '1960-03-01' }));
    await checkCareMode(7, () => new Date('2026-05-20T02:00:00Z'));
    expect(careModeOffer.get()).toEqual({ userId: 7, status: 'offering' });

    serverAnswers(me({ careMode: true }));
    await answerCareModeOffer(true);
    expect(careModeOffer.get()).toEqual({ userId: 7, status: 'done' });
    expect(careModePreference.isOn()).toBe(true);
    expect(taro.storage.get(offeredKey(7))).toBe(true);

    // Next launch: already offered (and on), not asked again.
    careModeOffer.reset();
    serverAnswers(me({ careMode: true, birthDate: '1960-03-01' }));
    await checkCareMode(7, () => new Date('2026-05-21T02:00:00Z'));
    expect(careModeOffer.get()?.status).toBe('done');
  });

  it('is not asked again after 暂不开启, even with care mode still off', async () => {
    signIn();
    serverAnswers(me({ birthDate: '1950-01-01' }));
    await checkCareMode(7);
    await answerCareModeOffer(false);
    expect(careModePreference.isOn()).toBe(false);

    careModeOffer.reset();
    serverAnswers(me({ birthDate: '1950-01-01' }));
    await checkCareMode(7);
    expect(careModeOffer.get()?.status).toBe('done');
  });

  it('does not ask someone under 60, and checks only once per launch', async () => {
    signIn();
    serverAnswers(me({ birthDate: '1990-06-01' }));
    await checkCareMode(7);
    await checkCareMode(7);
    expect(careModeOffer.get()?.status).toBe('done');
    expect(taro.request).toHaveBeenCalledTimes(1);
  });

  it('adopts the account’s care mode found at the check', async () => {
    signIn();
    serverAnswers(me({ careMode: true, birthDate: '1990-06-01' }));
    await checkCareMode(7);
    expect(careModePreference.isOn()).toBe(true);
  });
});
