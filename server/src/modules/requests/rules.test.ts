import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../lib/field-cipher';
import {
  answeredSensitiveFields,
  checkDraft,
  checkSubmission,
  fromStoredForm,
  mergeAnswers,
  toStoredForm,
  withoutSensitive,
} from './form-data';
import { formatRequestNumber } from './numbering';
import { chooseUnit, type RouteUnit } from './routing';
import { decideStage } from './stage';

const cipher = createFieldCipher({ currentVersion: 1, keys: new Map([[1, Buffer.alloc(32, 3)]]) });

describe('chooseUnit', () => {
  const district: RouteUnit = { id: 1, level: 'district', active: true };
  const street: RouteUnit = { id: 2, level: 'street', active: true };
  const community: RouteUnit = { id: 3, level: 'community', active: true };

  it('sends community services to the community station and district services to the centre', () => {
    expect(chooseUnit('community', [district, street, community])).toBe(3);
    expect(chooseUnit('district', [district, street, community])).toBe(1);
    expect(chooseUnit('street', [district, street, community])).toBe(2);
  });

  it('passes a deactivated station up to the nearest active unit', () => {
    expect(chooseUnit('community', [district, street, { ...community, active: false }])).toBe(2);
    expect(chooseUnit('community', [district, { ...street, active: false }, { ...community, active: false }])).toBe(1);
  });

  it('has no answer without a community (the caller falls back to the district)', () => {
    expect(chooseUnit('community', [])).toBeNull();
  });
});

describe('decideStage', () => {
  const base = { serviceCode: 'preferential-card', status: 'processing', current: null } as const;
  const station = { id: 7, name: '文化社区退役军人服务站', level: 'community', active: true } as const;

  it('walks the issuing chain forward, from the station acceptance to the pickup at a station', () => {
    expect(decideStage({ ...base, status: 'accepted', next: 'station_accepted' })).toEqual({
      ok: true,
      stage: 'station_accepted',
      pickupUnit: null,
    });
    expect(decideStage({ ...base, current: 'station_accepted', next: 'county_review' })).toMatchObject({ ok: true });
    // Recorded late: the bureau heard of the card only when the district centre signed for it.
    expect(decideStage({ ...base, current: 'county_review', next: 'district_received' })).toMatchObject({ ok: true });
    expect(
      decideStage({ ...base, current: 'district_received', next: 'ready_for_pickup', pickupUnit: station }),
    ).toEqual({ ok: true, stage: 'ready_for_pickup', pickupUnit: station });
    expect(decideStage({ ...base, status: 'completed', current: 'ready_for_pickup', next: 'picked_up' })).toEqual({
      ok: true,
      stage: 'picked_up',
      pickupUnit: null,
    });
  });

  it('needs an active station for the pickup, order, the right service and status', () => {
    expect(decideStage({ ...base, next: 'ready_for_pickup' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      message: '请选择领取优待证的服务站',
      path: 'body.pickupUnitId',
    });
    for (const pickupUnit of [null, { ...station, active: false }, { ...station, level: 'district' as const }]) {
      expect(decideStage({ ...base, next: 'ready_for_pickup', pickupUnit })).toMatchObject({
        ok: false,
        message: '领取地点应为启用中的街道或社区服务站',
      });
    }
    expect(decideStage({ ...base, current: 'ready_for_pickup', next: 'production' })).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    expect(decideStage({ ...base, current: 'production', next: 'picked_up' })).toMatchObject({ ok: false });
    expect(decideStage({ ...base, serviceCode: 'appeal', next: 'production' })).toMatchObject({ ok: false });
    expect(decideStage({ ...base, status: 'submitted', next: 'station_accepted' })).toMatchObject({ ok: false });
  });
});

describe('form data', () => {
  it('refuses unknown fields and malformed answers in a draft, with body.formData paths', () => {
    const check = checkDraft('policy-question', { topic: '不存在', question: 'x', extra: 1 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues).toContainEqual({ path: 'body.formData.topic', message: '请选择咨询方向' });
    expect(check.issues.some((issue) => issue.path === 'body.formData' && issue.message.includes('extra'))).toBe(true);
  });

  it('accepts an incomplete draft but not an incomplete submission', () => {
    expect(checkDraft('policy-question', { topic: '其他' }).ok).toBe(true);
    const check = checkSubmission('policy-question', { topic: '其他' });
    expect(check).toMatchObject({ ok: false, issues: [{ path: 'body.formData.question' }] });
  });

  it('merges patches, clearing fields set to null', () => {
    expect(mergeAnswers({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergeAnswers({ a: 1 }, { c: 3 }, true)).toEqual({ c: 3 });
  });

  it('encrypts whole forms with sensitive fields and hides them from staff', () => {
    const answers = { hardshipKind: '重病', householdSize: 3, monthlyIncome: 1200, description: '住院' };
    expect(answeredSensitiveFields('hardship-aid', answers)).toEqual(['monthlyIncome', 'description']);
    const stored = toStoredForm('hardship-aid', answers, cipher, 12);
    expect(stored.formData).toBeNull();
    expect(stored.formCipher).not.toContain('住院');
    expect(fromStoredForm({ ...stored, id: 12 }, cipher)).toEqual(answers);
    // Sealed to its request: the same ciphertext copied onto another request does not open.
    expect(() => fromStoredForm({ ...stored, id: 13 }, cipher)).toThrow('Unreadable encrypted field');
    expect(withoutSensitive('hardship-aid', answers)).toEqual({
      formData: { hardshipKind: '重病', householdSize: 3 },
      hidden: ['monthlyIncome', 'description'],
    });
    expect(toStoredForm('appeal', { category: '其他' }, cipher, 12)).toEqual({
      formData: { category: '其他' },
      formCipher: null,
    });
  });
});

describe('request numbers', () => {
  it('pads to four digits and grows beyond', () => {
    expect(formatRequestNumber('20261126', 7)).toBe('WD20261126-0007');
    expect(formatRequestNumber('20261126', 12345)).toBe('WD20261126-12345');
  });
});
