import { legalTopicLabels, legalTopics } from '@veterans/shared';

/** What the pages say about the service (the times and places of slots come from the server). */
export const LEGAL_SERVICE = {
  intro:
    '法律援助中心律师每周二上午在魏都区退役军人服务中心坐班，为退役军人及其家属免费解答法律问题。在线预约，免去排队。',
  when: '每周二上午（以下方开放时段为准，北京时间）',
  place: '魏都区退役军人服务中心',
  bring: '身份证及与问题有关的材料（如合同、判决书、病历、票据等）',
  rules: '每人同时只能有一个未完成的预约；时段约满可加入候补；不能到场请提前取消，多次未到场将暂停预约。',
  /** On the confirmation and in 我的预约. */
  bringReminder: '请携带身份证及相关材料，按时到场。',
} as const;

/** 咨询类别 as the forms offer them. */
export const legalTopicOptions = legalTopics.map((topic) => ({ value: topic, label: legalTopicLabels[topic] }));
