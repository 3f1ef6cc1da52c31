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

/** draft 草稿 (never published) → published 已发布 ⇄ unpublished 已下线. Only published articles are public. */
export const articleStatuses = ['draft', 'published', 'unpublished'] as const;
export const articleStatusSchema = z.enum(articleStatuses);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;
export const articleStatusLabels: Record<ArticleStatus, string> = {
  draft: '草稿',
  published: '已发布',
  unpublished: '已下线',
};
