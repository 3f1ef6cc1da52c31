import Taro from '@tarojs/taro';
import type { ServiceCode } from '@veterans/shared';
import { routes, withQuery } from '../../navigation/routes';

export function requestDetailUrl(id: number): string {
  return withQuery(routes.requestDetail, { id });
}

export function openRequestDetail(id: number): void {
  void Taro.navigateTo({ url: requestDetailUrl(id) });
}

/** A new application for a service. */
export function startApplication(serviceCode: ServiceCode): void {
  void Taro.navigateTo({ url: withQuery(routes.requestForm, { code: serviceCode }) });
}

/** 入户办理: ask the station to come and file, for this service when named. */
export function requestHomeFiling(serviceCode?: ServiceCode): void {
  void Taro.navigateTo({ url: withQuery(routes.homeFiling, { service: serviceCode }) });
}

/** 继续填写 a draft, or 补正 a request sent back. */
export function continueApplication(id: number): void {
  void Taro.navigateTo({ url: withQuery(routes.requestForm, { id }) });
}

export function openMyRequests(): void {
  void Taro.navigateTo({ url: routes.myRequests });
}

export function openInbox(): void {
  void Taro.navigateTo({ url: routes.inbox });
}
