import { type SubscribeTemplate, subscribeTemplateKeys } from '@veterans/shared';
import type { Config } from '../../config';

/** A template the bureau picked in the WeChat console: its id, and keyword names where they differ from ours. */
export interface TemplateSetting {
  id: string;
  keywords: Record<string, string>;
}

export type TemplateSettings = Partial<Record<SubscribeTemplate, TemplateSetting>>;

type TemplateConfig = Pick<
  Config,
  | 'WECHAT_TEMPLATE_IDS'
  | 'WECHAT_TEMPLATE_ID_REQUEST_STATUS'
  | 'WECHAT_TEMPLATE_ID_STAFF_REPLY'
  | 'WECHAT_TEMPLATE_ID_BOOKING_CONFIRMED'
  | 'WECHAT_TEMPLATE_ID_BOOKING_REMINDER'
  | 'WECHAT_TEMPLATE_ID_APPEAL_MEETING'
  | 'WECHAT_TEMPLATE_ID_IDENTITY_RESULT'
>;

const ONE_VARIABLE_EACH: Record<SubscribeTemplate, keyof TemplateConfig> = {
  'request-status': 'WECHAT_TEMPLATE_ID_REQUEST_STATUS',
  'staff-reply': 'WECHAT_TEMPLATE_ID_STAFF_REPLY',
  'booking-confirmed': 'WECHAT_TEMPLATE_ID_BOOKING_CONFIRMED',
  'booking-reminder': 'WECHAT_TEMPLATE_ID_BOOKING_REMINDER',
  'appeal-meeting': 'WECHAT_TEMPLATE_ID_APPEAL_MEETING',
  'identity-result': 'WECHAT_TEMPLATE_ID_IDENTITY_RESULT',
};

/**
 * The configured templates: `WECHAT_TEMPLATE_IDS` (JSON map) and one variable per template, the single variable
 * winning for the id (keyword mappings still come from the map). Templates without an id are absent.
 */
export function templateSettings(config: TemplateConfig): TemplateSettings {
  const settings: TemplateSettings = {};
  for (const key of subscribeTemplateKeys) {
    const fromMap = config.WECHAT_TEMPLATE_IDS[key];
    const mapped =
      typeof fromMap === 'string'
        ? { id: fromMap, keywords: {} }
        : fromMap && { id: fromMap.id, keywords: fromMap.keywords ?? {} };
    const single = config[ONE_VARIABLE_EACH[key]] as string | undefined;
    const id = single ?? mapped?.id;
    if (id) settings[key] = { id, keywords: mapped?.keywords ?? {} };
  }
  return settings;
}
