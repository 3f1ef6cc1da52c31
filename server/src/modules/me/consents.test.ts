import { PRIVACY_POLICY_VERSION, SENSITIVE_INFO_NOTICE_VERSION } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { type ConsentRecord, consentState, currentVersionOf, hasCurrentPrivacyConsent } from './consents';

let nextId = 1;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute));
const record = (kind: ConsentRecord['kind'], version: string, granted: boolean, minute: number): ConsentRecord => ({
  id: nextId++,
  kind,
  version,
  granted: granted ? 'granted' : 'withdrawn',
  createdAt: at(minute),
});

describe('consentState', () => {
  it('is empty without records', () => {
    expect(consentState([])).toEqual({ privacyPolicyVersion: null, sensitiveInfo: false });
  });

  it('takes the latest record of each kind, whatever order the rows come in', () => {
    const state = consentState([
      record('privacy-policy', PRIVACY_POLICY_VERSION, true, 5),
      record('privacy-policy', '2020-01-01', true, 1),
      record('sensitive-info', SENSITIVE_INFO_NOTICE_VERSION, true, 2),
    ]);
    expect(state).toEqual({ privacyPolicyVersion: PRIVACY_POLICY_VERSION, sensitiveInfo: true });
    expect(hasCurrentPrivacyConsent(state)).toBe(true);
  });

  it('a withdrawal after a grant removes the consent', () => {
    const state = consentState([
      record('privacy-policy', PRIVACY_POLICY_VERSION, true, 1),
      record('privacy-policy', PRIVACY_POLICY_VERSION, false, 2),
      record('sensitive-info', SENSITIVE_INFO_NOTICE_VERSION, true, 1),
      record('sensitive-info', SENSITIVE_INFO_NOTICE_VERSION, false, 3),
    ]);
    expect(state).toEqual({ privacyPolicyVersion: null, sensitiveInfo: false });
  });

  it('breaks ties in the same millisecond by insertion order', () => {
    const grant = record('privacy-policy', PRIVACY_POLICY_VERSION, true, 7);
    const withdraw = record('privacy-policy', PRIVACY_POLICY_VERSION, false, 7);
    expect(consentState([withdraw, grant]).privacyPolicyVersion).toBeNull();
  });

  it('an agreement to an older policy is reported but is not the current consent', () => {
    const state = consentState([record('privacy-policy', '2020-01-01', true, 1)]);
    expect(state.privacyPolicyVersion).toBe('2020-01-01');
    expect(hasCurrentPrivacyConsent(state)).toBe(false);
  });

  it('knows the current version of each text', () => {
    expect(currentVersionOf('privacy-policy')).toBe(PRIVACY_POLICY_VERSION);
    expect(currentVersionOf('sensitive-info')).toBe(SENSITIVE_INFO_NOTICE_VERSION);
  });
});
