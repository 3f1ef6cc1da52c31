import { describe, expect, it } from 'vitest';
import { decideMerge, familyLinksToDelete, type LinkRow, type MergeSide } from './plan';

const side = (id: number, extra: Partial<MergeSide> = {}): MergeSide => ({
  id,
  deletedAt: null,
  openid: null,
  idNumberHash: null,
  openDisputes: 0,
  ...extra,
});

describe('decideMerge', () => {
  it('takes the identity and the openid from whichever account has them', () => {
    expect(decideMerge(side(1), side(2, { idNumberHash: 'h', openid: 'wx' }))).toEqual({
      allowed: true,
      identityFrom: 'absorbed',
      openid: 'wx',
    });
    expect(decideMerge(side(1, { idNumberHash: 'h', openid: 'wx' }), side(2))).toEqual({
      allowed: true,
      identityFrom: 'survivor',
      openid: 'wx',
    });
    expect(decideMerge(side(1), side(2))).toEqual({ allowed: true, identityFrom: 'none', openid: null });
  });

  it('refuses two real-name identities: two different people, for 申诉 or the station to sort out', () => {
    expect(decideMerge(side(1, { idNumberHash: 'a' }), side(2, { idNumberHash: 'b' }))).toEqual({
      allowed: false,
      reason: 'identity-conflict',
    });
  });

  it('refuses two different WeChat accounts, but not the same openid', () => {
    expect(decideMerge(side(1, { openid: 'x' }), side(2, { openid: 'y' }))).toEqual({
      allowed: false,
      reason: 'wechat-conflict',
    });
    expect(decideMerge(side(1, { openid: 'x' }), side(2, { openid: 'x' }))).toMatchObject({ allowed: true });
  });

  it('refuses while either account has an open identity dispute, and deleted accounts', () => {
    expect(decideMerge(side(1), side(2, { openDisputes: 1 }))).toEqual({ allowed: false, reason: 'dispute-open' });
    expect(decideMerge(side(1, { openDisputes: 1 }), side(2))).toEqual({ allowed: false, reason: 'dispute-open' });
    expect(decideMerge(side(1), side(2, { deletedAt: new Date() }))).toEqual({
      allowed: false,
      reason: 'account-disabled',
    });
  });
});

describe('familyLinksToDelete', () => {
  const link = (id: number, familyUserId: number, veteranUserId: number, status: LinkRow['status']): LinkRow => ({
    id,
    familyUserId,
    veteranUserId,
    status,
  });

  it('deletes a link between the two merged accounts', () => {
    expect(familyLinksToDelete([link(1, 1, 2, 'active'), link(2, 2, 1, 'pending')], 1, 2)).toEqual([1, 2]);
  });

  it('keeps one of links that become the same pair: the active one, else the oldest', () => {
    const links = [link(5, 1, 9, 'pending'), link(6, 2, 9, 'active'), link(7, 2, 9, 'ended')];
    expect(familyLinksToDelete(links, 1, 2)).toEqual([5, 7]);
    expect(familyLinksToDelete([link(8, 9, 2, 'pending'), link(3, 9, 1, 'pending')], 1, 2)).toEqual([8]);
  });

  it('leaves links to other people alone', () => {
    expect(familyLinksToDelete([link(1, 1, 9, 'active'), link(2, 2, 8, 'active')], 1, 2)).toEqual([]);
  });
});
