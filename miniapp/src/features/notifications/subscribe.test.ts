import type { SubscriptionState } from '@veterans/shared';
import { describe, expect, it, vi } from 'vitest';
import { badgeText } from './badge';
import { REQUEST_TEMPLATES, subscriptionOutcome, templateIds } from './subscribe';

vi.mock('@tarojs/taro', () => ({ default: {}, useDidShow: () => undefined }));

const state = (template: SubscriptionState['template'], templateId: string | null): SubscriptionState => ({
  template,
  title: '',
  description: '',
  templateId,
  remaining: 0,
});

describe('subscribe messages', () => {
  it('asks only for the configured templates a request needs', () => {
    const ids = templateIds(
      [state('request-status', 'T-STATUS'), state('staff-reply', null), state('booking-confirmed', 'T-BOOK')],
      REQUEST_TEMPLATES,
    );
    expect(ids).toEqual({ 'T-STATUS': 'request-status' });
  });

  it('reads WeChat’s answer back into our template keys', () => {
    const ids = { 'T-STATUS': 'request-status', 'T-REPLY': 'staff-reply' } as const;
    expect(subscriptionOutcome({ 'T-STATUS': 'accept', 'T-REPLY': 'reject', errMsg: 'ok' }, ids)).toEqual({
      accepted: ['request-status'],
      rejected: ['staff-reply'],
    });
    expect(subscriptionOutcome({ 'T-STATUS': 'ban' }, ids)).toEqual({ accepted: [], rejected: [] });
  });

  it('caps the tab badge text', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
