import { z } from 'zod';

export const articleChannels = ['policy', 'legal-education', 'notice', 'guide'] as const;
export const articleChannelSchema = z.enum(articleChannels);
export type ArticleChannel = z.infer<typeof articleChannelSchema>;
export const articleChannelLabels: Record<ArticleChannel, string> = {
  policy: '政策法规',
  'legal-education': '普法宣传',
  notice: '通知公告',
  guide: '办事指南',
};
