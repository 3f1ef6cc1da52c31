import Taro from '@tarojs/taro';
import { routes, withQuery } from '../../navigation/routes';

export function serviceGuideUrl(code: string): string {
  return withQuery(routes.serviceGuide, { code });
}

export function openServiceGuide(code: string): void {
  void Taro.navigateTo({ url: serviceGuideUrl(code) });
}
