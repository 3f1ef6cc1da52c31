import { describe, expect, it } from 'vitest';
import {
  type ClaimingAccount,
  type CounterRecord,
  counterVeteranStatus,
  decideCounterClaim,
  receiptContact,
} from './rules';

const account: ClaimingAccount = { phoneHash: 'phone-a', hasIdentity: false, hasOwnRecords: false };
const record: CounterRecord = {
  registeredAtCounter: true,
  deleted: false,
  hasSignIn: false,
  nameHash: 'name-a',
  counterPhoneHash: 'phone-a',
};

describe('decideCounterClaim', () => {
  it('lets a fresh account that proved the counter phone and knows the name take the record over', () => {
    expect(decideCounterClaim(account, record, 'name-a')).toEqual({ ok: true });
  });

  it('asks for a proven phone first', () => {
    expect(decideCounterClaim({ ...account, phoneHash: null }, record, 'name-a')).toEqual({
      ok: false,
      code: 'COUNTER_CLAIM_PHONE_REQUIRED',
    });
  });

  it('refuses an impostor who knows the name and ID number but proved another phone', () => {
    const decision = decideCounterClaim({ ...account, phoneHash: 'phone-b' }, record, 'name-a');
    expect(decision).toMatchObject({ ok: false, code: 'COUNTER_CLAIM_REFUSED' });
    expect(decision.ok === false && decision.message).toContain('手机号');
  });

  it('refuses a record that was never given a phone at the counter', () => {
    expect(decideCounterClaim(account, { ...record, counterPhoneHash: null }, 'name-a').ok).toBe(false);
  });

  it('answers alike for an unknown ID number, another name, a claimed, an app or a deleted record', () => {
    const alike = { ok: false, code: 'COUNTER_CLAIM_REFUSED' };
    expect(decideCounterClaim(account, undefined, 'name-a')).toEqual(alike);
    expect(decideCounterClaim(account, record, 'name-b')).toEqual(alike);
    expect(decideCounterClaim(account, { ...record, hasSignIn: true }, 'name-a')).toEqual(alike);
    expect(decideCounterClaim(account, { ...record, registeredAtCounter: false }, 'name-a')).toEqual(alike);
    expect(decideCounterClaim(account, { ...record, deleted: true }, 'name-a')).toEqual(alike);
  });

  it('does not merge an account that has an identity or records of its own', () => {
    expect(decideCounterClaim({ ...account, hasIdentity: true }, record, 'name-a')).toMatchObject({ ok: false });
    expect(decideCounterClaim({ ...account, hasOwnRecords: true }, record, 'name-a')).toMatchObject({ ok: false });
  });
});

describe('counterVeteranStatus', () => {
  it('verifies when the clerk checked the discharge document in person, else queues', () => {
    expect(counterVeteranStatus(true)).toBe('verified');
    expect(counterVeteranStatus(false)).toBe('pending');
  });
});

describe('receiptContact', () => {
  const district = { name: '区中心', path: '/weidu/', address: '魏都区 1 号', phone: '0374-0000000' };
  const street = { name: '街道站', path: '/weidu/xidajie/', address: '西大街 2 号', phone: null };
  const community = { name: '社区站', path: '/weidu/xidajie/wenhua/', address: null, phone: null };
  const elsewhere = { name: '别的街道', path: '/weidu/nanguan/', address: '南关 3 号', phone: '0374-1111111' };

  it('names the handling unit when it has a phone, else the nearest unit above with one', () => {
    expect(receiptContact(community.path, [district, street, elsewhere, community])).toBe(district);
    expect(receiptContact(community.path, [district, { ...community, phone: '0374-2222222' }])?.name).toBe('社区站');
    expect(receiptContact(street.path, [community, street, district])).toBe(district);
  });

  it('falls back to the nearest address, and to nothing', () => {
    const noPhones = [{ ...district, phone: null }, street, community];
    expect(receiptContact(community.path, noPhones)).toBe(street);
    expect(receiptContact(community.path, [community, elsewhere])).toBeNull();
  });
});
