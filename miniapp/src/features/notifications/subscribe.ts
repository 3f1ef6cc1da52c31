import Taro from '@tarojs/taro';
import type { SubscribeTemplate, SubscriptionState } from '@veterans/shared';
import { fetchSubscriptions, reportSubscriptions } from './api';

/** The templates asked for when a request is submitted: its status changes and staff replies. */
export const REQUEST_TEMPLATES: readonly SubscribeTemplate[] = ['request-status', 'staff-reply'];

/** Asked for when a veteran submits their identity: the outcome of the staff verification. */
export const IDENTITY_TEMPLATES: readonly SubscribeTemplate[] = ['identity-result'];

/** WeChat template id → our key, for the templates the server has configured. */
export function templateIds(states: readonly SubscriptionState[], wanted: readonly SubscribeTemplate[]) {
  const ids: Record<string, SubscribeTemplate> = {};
  for (const state of states)
    if (state.templateId && wanted.includes(state.template)) ids[state.templateId] = state.template;
  return ids;
}

/** WeChat's answer (template id → 'accept' | 'reject' | …) as our keys. */
export function subscriptionOutcome(answer: Record<string, unknown>, ids: Record<string, SubscribeTemplate>) {
  const accepted: SubscribeTemplate[] = [];
  const rejected: SubscribeTemplate[] = [];
  for (const [templateId, key] of Object.entries(ids)) {
    if (answer[templateId] === 'accept') accepted.push(key);
    else if (answer[templateId] === 'reject') rejected.push(key);
  }
  return { accepted, rejected };
}

/** Loads the template ids ahead of the tap (the WeChat prompt must open within the tap itself). */
export async function loadTemplateIds(
  wanted: readonly SubscribeTemplate[],
): Promise<Record<string, SubscribeTemplate>> {
  if (process.env.TARO_ENV !== 'weapp') return {};
  try {
    return templateIds(await fetchSubscriptions(), wanted);
  } catch {
    return {};
  }
}

/**
 * Mini-program: asks the user to allow the given subscribe messages. Call it first thing in a tap handler,
 * before any await. Reports what was allowed; never fails the caller.
 */
export function askToSubscribe(ids: Record<string, SubscribeTemplate>): Promise<void> {
  const tmplIds = Object.keys(ids);
  if (process.env.TARO_ENV !== 'weapp' || tmplIds.length === 0) return Promise.resolve();
  return Promise.resolve(Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option))
    .then(async (answer) => {
      const { accepted, rejected } = subscriptionOutcome(answer as unknown as Record<string, unknown>, ids);
      if (accepted.length > 0 || rejected.length > 0) await reportSubscriptions(accepted, rejected);
    })
    .catch(() => undefined);
}
