import Taro from '@tarojs/taro';

export function serviceGuideUrl(code: string): string {
  return `/subpackages/services/detail/index?code=${encodeURIComponent(code)}`;
}

export function openServiceGuide(code: string): void {
  void Taro.navigateTo({ url: serviceGuideUrl(code) });
}
