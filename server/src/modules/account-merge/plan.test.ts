import { describe, expect, it } from 'vitest';
import { decideMerge, familyLinksToDelete, type LinkRow, type MergeSide, mergeNoticeBody } from './plan';

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

describe('mergeNoticeBody', () => {
  it('names what moved, adding up both sides of family links, and the identity and WeChat sign-in', () => {
    const body = mergeNoticeBody({
      moved: {
        'service_requests.applicant_user_id': 2,
        'service_requests.subject_user_id': 2,
        'family_links.family_user_id': 1,
        'family_links.veteran_user_id': 1,
        'legal_bookings.user_id': 1,
      },
      identityFrom: 'absorbed',
      wechatMoved: true,
      maskedPhone: '138****8000',
    });
    expect(body).toContain('手机号 138****8000 的另一个账号');
    expect(body).toContain(
      '以下内容已归入当前账号：办件（含草稿）2 件、法律咨询预约 1 个、家属关联 2 条、实名信息、微信登录。',
    );
  });

  it('says so when the other account held nothing', () => {
    const body = mergeNoticeBody({
      moved: {},
      identityFrom: 'survivor',
      wechatMoved: false,
      maskedPhone: '138****8000',
    });
    expect(body).toContain('原账号中没有需要转移的内容。');
    expect(body).not.toContain('实名信息');
  });
});
