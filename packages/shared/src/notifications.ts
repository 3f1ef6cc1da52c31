import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from './pagination';

/* ------------------------------------------------------------------------------------------------------------ *
 * WeChat subscribe messages 订阅消息: the templates the app asks users to allow, and how our data becomes WeChat's.
 * ------------------------------------------------------------------------------------------------------------ */

/** Our names for the subscribe-message templates; the WeChat template ids come from the server configuration. */
export const subscribeTemplateKeys = [
  'request-status',
  'staff-reply',
  'booking-confirmed',
  'booking-reminder',
  'appeal-meeting',
  'identity-result',
] as const;
export const subscribeTemplateSchema = z.enum(subscribeTemplateKeys);
export type SubscribeTemplate = z.infer<typeof subscribeTemplateSchema>;

export function isSubscribeTemplate(value: string): value is SubscribeTemplate {
  return (subscribeTemplateKeys as readonly string[]).includes(value);
}

/**
 * WeChat's keyword kinds, named by the prefix of the keyword (`thing1`, `time2`, `character_string3` …):
 * the kind decides which characters and how many WeChat accepts (47003 otherwise).
 */
export const wechatKeywordKinds = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type WechatKeywordKind = (typeof wechatKeywordKinds)[number];

/** The kind of a WeChat keyword from its name (`character_string12` → `character_string`); null if unknown. */
export function keywordKind(keyword: string): WechatKeywordKind | null {
  const prefix = keyword.replace(/\d+$/, '');
  return (wechatKeywordKinds as readonly string[]).includes(prefix) && prefix !== keyword
    ? (prefix as WechatKeywordKind)
    : null;
}

export interface SubscribeField {
  /** Our payload field. */
  name: string;
  label: string;
  /** The default WeChat keyword of the library template we chose (the server may map it to another keyword). */
  keyword: string;
  required: boolean;
}

export interface SubscribeTemplateInfo {
  key: SubscribeTemplate;
  title: string;
  /** Why the app asks, shown next to the WeChat prompt. */
  description: string;
  fields: readonly SubscribeField[];
}

const field = (name: string, label: string, keyword: string, required = true): SubscribeField => ({
  name,
  label,
  keyword,
  required,
});

/**
 * The catalogue. Time fields take an ISO instant (shown in Beijing time) or a range `start~end`; text fields are
 * cut to WeChat's limits when the message is built, so callers pass their data as it is.
 */
export const subscribeTemplates: Record<SubscribeTemplate, SubscribeTemplateInfo> = {
  'request-status': {
    key: 'request-status',
    title: '办件状态变更',
    description: '办件受理、办结、需补正或未通过时通知您',
    fields: [
      field('requestNo', '办件编号', 'character_string1'),
      field('service', '办理事项', 'thing2'),
      field('status', '办理状态', 'phrase3'),
      field('time', '更新时间', 'time4'),
      field('remark', '备注', 'thing5', false),
    ],
  },
  'staff-reply': {
    key: 'staff-reply',
    title: '工作人员回复',
    description: '工作人员回复您的办件时通知您',
    fields: [
      field('requestNo', '办件编号', 'character_string1'),
      field('service', '咨询事项', 'thing2'),
      field('content', '回复内容', 'thing3'),
      field('time', '回复时间', 'time4'),
    ],
  },
  'booking-confirmed': {
    key: 'booking-confirmed',
    title: '预约成功',
    description: '法律咨询预约成功时通知您',
    fields: [
      field('topic', '预约事项', 'thing1'),
      field('time', '预约时间', 'time2'),
      field('place', '预约地点', 'thing3'),
      field('remark', '温馨提示', 'thing4', false),
    ],
  },
  'booking-reminder': {
    key: 'booking-reminder',
    title: '预约提醒',
    description: '法律咨询前一天提醒您按时到场',
    fields: [
      field('topic', '预约事项', 'thing1'),
      field('time', '预约时间', 'time2'),
      field('place', '预约地点', 'thing3'),
      field('remark', '温馨提示', 'thing4', false),
    ],
  },
  'appeal-meeting': {
    key: 'appeal-meeting',
    title: '约访通知',
    description: '工作人员安排约访时通知您时间和地点',
    fields: [
      field('subject', '约访事项', 'thing1'),
      field('time', '约访时间', 'time2'),
      field('place', '约访地点', 'thing3'),
      field('remark', '备注', 'thing4', false),
    ],
  },
  'identity-result': {
    key: 'identity-result',
    title: '身份核验结果',
    description: '退役军人身份核验通过或未通过时通知您',
    fields: [
      field('item', '核验事项', 'thing1'),
      field('result', '核验结果', 'phrase2'),
      field('time', '处理时间', 'time3'),
      field('remark', '说明', 'thing4', false),
    ],
  },
};

/** The payload each template takes: required fields as strings, optional ones may be left out. */
export interface SubscribeTemplateData {
  'request-status': { requestNo: string; service: string; status: string; time: string; remark?: string };
  'staff-reply': { requestNo: string; service: string; content: string; time: string };
  'booking-confirmed': { topic: string; time: string; place: string; remark?: string };
  'booking-reminder': { topic: string; time: string; place: string; remark?: string };
  'appeal-meeting': { subject: string; time: string; place: string; remark?: string };
  'identity-result': { item: string; result: string; time: string; remark?: string };
}

const HAN = /\p{Script=Han}/u;
const NOT_HAN = /[^\p{Script=Han}]/gu;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Cuts to `max` characters (code points, as WeChat counts), ending with … when something was cut. */
export function truncateText(value: string, max: number, ellipsis = true): string {
  const characters = Array.from(value);
  if (characters.length <= max) return value;
  return ellipsis ? `${characters.slice(0, max - 1).join('')}…` : characters.slice(0, max).join('');
}

const keep = (value: string, allowed: RegExp) =>
  Array.from(value)
    .filter((character) => allowed.test(character))
    .join('');

function beijingParts(instant: Date) {
  const shifted = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

/** `2026-11-26` → 2026年11月26日; an ISO instant → Beijing date and time; anything else stays as written. */
function formatPoint(value: string, withTime: boolean): { date: string; time?: string } | null {
  const text = value.trim();
  if (ISO_DATE.test(text)) {
    const [year, month, day] = text.split('-').map(Number);
    return { date: `${year}年${month}月${day}日` };
  }
  if (ISO_INSTANT.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) return null;
    const parts = beijingParts(instant);
    return withTime ? parts : { date: parts.date };
  }
  return null;
}

/** WeChat `time`/`date` keywords: one point or a range `a~b`; the end of a same-day range shows only its time. */
export function formatWechatTime(value: string, kind: 'time' | 'date' = 'time'): string {
  const withTime = kind === 'time';
  const [startText, endText] = value.split('~', 2);
  const start = formatPoint(startText ?? '', withTime);
  if (!start) return value.trim();
  const startLabel = start.time ? `${start.date} ${start.time}` : start.date;
  if (endText === undefined) return startLabel;
  const end = formatPoint(endText, withTime);
  if (!end) return `${startLabel}~${endText.trim()}`;
  const endLabel = end.date === start.date && end.time ? end.time : end.time ? `${end.date} ${end.time}` : end.date;
  return `${startLabel}~${endLabel}`;
}

/** One value made acceptable for a keyword kind: characters WeChat refuses dropped, cut to its length limit. */
export function formatKeywordValue(kind: WechatKeywordKind, raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim();
  switch (kind) {
    case 'thing':
      return truncateText(value, 20) || '无';
    case 'phrase':
      return truncateText(keep(value, HAN), 5, false) || '无';
    case 'character_string':
      return truncateText(keep(value, /[\x21-\x7e]/), 32, false) || '-';
    case 'number':
      return truncateText(keep(value, /[0-9.]/), 32, false) || '0';
    case 'letter':
      return truncateText(keep(value, /[A-Za-z]/), 32, false) || '-';
    case 'symbol':
      return truncateText(keep(value, /[^\p{L}\p{N}\s]/u), 5, false) || '-';
    case 'phone_number':
      return truncateText(keep(value, /[0-9+-]/), 17, false) || '-';
    case 'car_number':
      return truncateText(value.replace(/\s/g, ''), 8, false) || '-';
    case 'name':
      return HAN.test(value)
        ? truncateText(value.replace(NOT_HAN, ''), 10, false)
        : truncateText(keep(value, /[\x21-\x7e ]/), 20, false) || '-';
    case 'amount':
      return truncateText(value.replace(/\s/g, ''), 14, false) || '0';
    case 'time':
    case 'date':
      return formatWechatTime(value, kind);
  }
}

export type WechatData = Record<string, { value: string }>;

export type WechatDataResult = { ok: true; data: WechatData } | { ok: false; problems: string[] };

/**
 * Pure: our payload → WeChat's `data` (`{ thing1: { value } }`). `keywords` maps our field names to other
 * keywords when the template picked in the WeChat console numbers them differently. Fails (instead of sending
 * something WeChat would refuse with 47003) when a required field is missing or a keyword has an unknown kind.
 */
export function toWechatData(
  template: SubscribeTemplate,
  payload: Record<string, unknown>,
  keywords: Record<string, string> = {},
): WechatDataResult {
  const data: WechatData = {};
  const problems: string[] = [];
  for (const entry of subscribeTemplates[template].fields) {
    const keyword = keywords[entry.name] ?? entry.keyword;
    const kind = keywordKind(keyword);
    if (!kind) {
      problems.push(`${entry.name}: 无法识别的微信模板关键词 ${keyword}`);
      continue;
    }
    const raw = payload[entry.name];
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    if (text === '') {
      if (entry.required) {
        problems.push(`${entry.name}: 缺少${entry.label}`);
        continue;
      }
      data[keyword] = { value: formatKeywordValue(kind, '') };
      continue;
    }
    data[keyword] = { value: formatKeywordValue(kind, text) };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data };
}

/* ------------------------------------------------------------------------------------------------------------ *
 * API: inbox 消息 and subscriptions.
 * ------------------------------------------------------------------------------------------------------------ */

const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export const notificationListQuerySchema = pageQuerySchema.extend({
  unreadOnly: booleanQuery.default(false).describe('只看未读'),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().describe('消息类别，如 request-status、staff-reply、booking-reminder'),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().describe('点击后打开的小程序页面'),
    read: z.boolean(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pagedSchema(notificationSchema).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const readAllResultSchema = z.object({ updated: z.number().int().min(0) });

/** What `wx.requestSubscribeMessage` answered, translated by the app from template ids to our keys. */
export const subscriptionReportSchema = z.strictObject({
  accepted: z.array(subscribeTemplateSchema).max(subscribeTemplateKeys.length * 3),
  rejected: z
    .array(subscribeTemplateSchema)
    .max(subscribeTemplateKeys.length * 3)
    .optional(),
});
export type SubscriptionReport = z.infer<typeof subscriptionReportSchema>;

export const subscriptionStateSchema = z
  .object({
    template: subscribeTemplateSchema,
    title: z.string(),
    description: z.string(),
    templateId: z.string().nullable().describe('微信模板ID；为空表示服务端未配置，不必向用户申请'),
    remaining: z.number().int().min(0).describe('还可发送的次数（一次性订阅，每次同意加一）'),
  })
  .meta({ id: 'SubscriptionState' });
export type SubscriptionState = z.infer<typeof subscriptionStateSchema>;

export const subscriptionsSchema = z.object({ items: z.array(subscriptionStateSchema) });
export type Subscriptions = z.infer<typeof subscriptionsSchema>;
