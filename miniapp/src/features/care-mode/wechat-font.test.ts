import { describe, expect, it, vi } from 'vitest';
import { fontSizes } from '../../theme/tokens';
import { MAX_WECHAT_FONT_SCALE, wechatFontScale } from './wechat-font';

vi.mock('@tarojs/taro', () => ({ default: {} }));

describe('wechatFontScale', () => {
  it('is 1 at WeChat’s standard size (17 px on iOS, 16 px on Android) and when unknown', () => {
    expect(wechatFontScale(17, 'ios')).toBe(1);
    expect(wechatFontScale(16, 'android')).toBe(1);
    expect(wechatFontScale(undefined, 'ios')).toBe(1);
    expect(wechatFontScale(Number.NaN, 'ios')).toBe(1);
  });

  it('grows with a larger WeChat font, capped', () => {
    expect(wechatFontScale(20, 'android')).toBe(1.25);
    expect(wechatFontScale(22, 'ios')).toBeCloseTo(1.29, 2);
    expect(wechatFontScale(40, 'ios')).toBe(MAX_WECHAT_FONT_SCALE);
  });

  it('never shrinks our text below its own sizes', () => {
    expect(wechatFontScale(14, 'ios')).toBe(1);
  });

  it('scales the text tokens of both modes', () => {
    expect(fontSizes('standard', 1.25).body).toBe(20);
    expect(fontSizes('care', 1.25).body).toBe(25);
    expect(fontSizes('care', 0.5).body).toBe(fontSizes('care').body);
  });
});
