import Taro from '@tarojs/taro';

/**
 * The mini-program follows WeChat's own font size (我 → 设置 → 通用 → 字体大小). WeChat reports it as
 * `fontSizeSetting` in px; its 标准 size is 17 px on iOS and 16 px on Android. Our text sizes are multiplied by
 * the ratio (capped, and never below 1: a reader who chose smaller text still gets our minimum sizes). H5 has no
 * such setting: browsers apply their own zoom.
 *
 * page-meta's `page-font-size="system"` would do the same for `rem` units only and needs `enablePageMeta` in the
 * config of every page; our sizes are design tokens in px set on each page root, so scaling the tokens reaches
 * everything (NutUI included) through the one mechanism care mode already uses.
 */

export const MAX_WECHAT_FONT_SCALE = 1.6;

export function wechatFontScale(fontSizeSetting: number | undefined, platform: string | undefined): number {
  if (typeof fontSizeSetting !== 'number' || !Number.isFinite(fontSizeSetting) || fontSizeSetting <= 0) return 1;
  const standard = platform === 'android' ? 16 : 17;
  const scale = Math.min(MAX_WECHAT_FONT_SCALE, Math.max(1, fontSizeSetting / standard));
  return Math.round(scale * 100) / 100;
}

interface FontInfo {
  fontSizeSetting?: number;
  platform?: string;
}

function readFontInfo(): FontInfo {
  const taro = Taro as unknown as {
    getAppBaseInfo?: () => FontInfo;
    getDeviceInfo?: () => FontInfo;
    getSystemInfoSync: () => FontInfo;
  };
  try {
    // getAppBaseInfo/getDeviceInfo are the current APIs (base library 2.20.1+); getSystemInfoSync the fallback.
    if (taro.getAppBaseInfo && taro.getDeviceInfo) {
      const base = taro.getAppBaseInfo();
      if (typeof base.fontSizeSetting === 'number') {
        return { fontSizeSetting: base.fontSizeSetting, platform: taro.getDeviceInfo().platform };
      }
    }
    return taro.getSystemInfoSync();
  } catch {
    return {};
  }
}

/** WeChat's font scale now (1 on H5). Cheap: pages read it when they show. */
export function readWechatFontScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  const info = readFontInfo();
  return wechatFontScale(info.fontSizeSetting, info.platform);
}
