import { describe, expect, it } from 'vitest';
import { counterFilingComment } from './counter';
import { ratingTitle, requestRelationOf, requestRelationText } from './request-relation';

const VETERAN = 1;
const DAUGHTER = 2;
const SON = 3;

describe('requestRelationOf / requestRelationText', () => {
  it('the veteran filing for himself', () => {
    expect(requestRelationOf(VETERAN, VETERAN, VETERAN)).toBe('self');
    expect(requestRelationText({ channel: 'online', relation: 'self', applicant: null, onBehalfOf: null })).toBe(
      '本人申请',
    );
  });

  it('the daughter filing for the veteran, as she sees it', () => {
    expect(requestRelationOf(DAUGHTER, DAUGHTER, VETERAN)).toBe('for_other');
    expect(
      requestRelationText({ channel: 'online', relation: 'for_other', applicant: null, onBehalfOf: { name: '张*国' } }),
    ).toBe('您为 张*国 代办');
  });

  it('the same request as the veteran sees it: one line, filed for him by her', () => {
    expect(requestRelationOf(VETERAN, DAUGHTER, VETERAN)).toBe('for_me');
    expect(
      requestRelationText({
        channel: 'online',
        relation: 'for_me',
        applicant: { name: '张*燕' },
        onBehalfOf: { name: '张*国' },
      }),
    ).toBe('张*燕 为您代办');
  });

  it("the veteran's own request as his daughter sees it: not 家属为您代办", () => {
    expect(requestRelationOf(DAUGHTER, VETERAN, VETERAN)).toBe('family');
    const text = requestRelationText({
      channel: 'online',
      relation: 'family',
      applicant: { name: '张*国' },
      onBehalfOf: null,
    });
    expect(text).toBe('张*国 本人申请（您作为家属可查看）');
    expect(text).not.toContain('为您');
  });

  it("another family member's 代办 as the daughter sees it", () => {
    expect(requestRelationOf(DAUGHTER, SON, VETERAN)).toBe('family');
    expect(
      requestRelationText({
        channel: 'online',
        relation: 'family',
        applicant: { name: '张*军' },
        onBehalfOf: { name: '张*国' },
      }),
    ).toBe('张*军 为 张*国 代办（您作为家属可查看）');
  });

  it('a request staff filed for the veteran names the channel, not 本人申请', () => {
    // Staff file with the person as applicant and subject: the relation is the person's own.
    expect(requestRelationOf(VETERAN, VETERAN, VETERAN)).toBe('self');
    const self = { relation: 'self', applicant: null, onBehalfOf: null } as const;
    expect(requestRelationText({ ...self, channel: 'counter' })).toBe('窗口代办（工作人员为您办理）');
    expect(requestRelationText({ ...self, channel: 'phone' })).toBe('电话代办（工作人员为您办理）');
    expect(requestRelationText({ ...self, channel: 'home' })).toBe('上门代办（工作人员为您办理）');
  });

  it("the veteran's counter request as his daughter sees it", () => {
    expect(
      requestRelationText({ channel: 'phone', relation: 'family', applicant: { name: '张*国' }, onBehalfOf: null }),
    ).toBe('工作人员为 张*国 电话代办（您作为家属可查看）');
  });

  it('the timeline names the channel and the clerk', () => {
    expect(counterFilingComment('counter', '李文')).toBe('窗口代办（经办人 李文）');
    expect(counterFilingComment('home', '李文')).toBe('上门代办（经办人 李文）');
  });

  it('a rating is 我的评价 only to whoever gave it', () => {
    expect(ratingTitle({ mine: true })).toBe('我的评价');
    expect(ratingTitle({ mine: false })).toBe('申请人的评价');
  });
});
