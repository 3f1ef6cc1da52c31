import { z } from 'zod';
import { phoneSchema, smsCodeSchema } from './auth';

/**
 * One person, one account: a signed-in citizen who proves (by SMS code) a phone number that belongs to another
 * citizen account may merge that account into theirs. Nothing is merged without `merge: true`.
 */
export const phoneCodeBodySchema = z.strictObject({ phone: phoneSchema });

export const phoneBindBodySchema = z.strictObject({
  phone: phoneSchema,
  code: smsCodeSchema,
  /** The person has seen the merge prompt and confirms that the other account is theirs too. */
  merge: z.boolean().optional(),
});
export type PhoneBindBody = z.infer<typeof phoneBindBodySchema>;

export const phoneBindResultSchema = z.object({
  phone: z.string().describe('脱敏手机号，如 138****8000'),
  merged: z.boolean().describe('是否已把该手机号原来的账号合并进当前账号'),
});
export type PhoneBindResult = z.infer<typeof phoneBindResultSchema>;

/** Why two accounts cannot become one by themselves: a person at the service station has to look. */
export const mergeRefusals = ['identity-conflict', 'wechat-conflict', 'dispute-open', 'account-disabled'] as const;
export type MergeRefusal = (typeof mergeRefusals)[number];

export const mergeRefusalMessages: Record<MergeRefusal, string> = {
  'identity-conflict':
    '两个账号登记的实名身份不同，不能合并。如另一个账号冒用了您的身份，请在实名认证页提出申诉，或携带身份证件到服务站办理。',
  'wechat-conflict': '两个账号分别绑定了不同的微信，不能自动合并，请携带身份证件到服务站办理。',
  'dispute-open': '其中一个账号有正在处理的身份申诉，申诉处理完成后才能合并账号。',
  'account-disabled': '该手机号所属的账号已停用，不能合并，请联系服务站。',
};

/** What the merge prompt tells the person before they confirm. */
export const MERGE_PROMPT_TEXT =
  '该手机号已是另一个账号的登录手机号（可能是您在微信小程序或网页上分别登录时创建的）。' +
  '合并后，另一个账号的办件、草稿、预约、家属关联、消息和实名信息都归入当前账号，另一个账号停用并退出登录；' +
  '当前账号的登录手机号改为该手机号。';

/** The app page where a citizen proves a phone and confirms a merge (the merge notice links to it). */
export const phonePage = '/subpackages/account/phone/index';
