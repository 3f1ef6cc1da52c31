import { z } from 'zod';
import { articleChannelSchema, articleStatusSchema } from './articles';
import { pageQuerySchema } from './pagination';
import { serviceCodeSchema } from './services';

/**
 * Articles 文章 (政策法规/普法宣传/通知公告/办事指南): the public reading API and the staff editing API.
 * Bodies are rich text that the server sanitises on every write; clients render the stored HTML as is.
 */

const id = z.number().int().positive();
const isoInstant = z.string().describe('ISO 8601 instant (UTC)');

export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_SUMMARY_MAX = 500;
/** Characters of HTML an article body may have (the request body limit is 1 MiB). */
export const ARTICLE_BODY_MAX = 200_000;
export const ARTICLE_SEARCH_MAX = 50;
/** Newest policy articles on the home page. */
export const HOME_POLICY_COUNT = 5;
/** Pinned notices on the home page, at most. */
export const HOME_NOTICE_COUNT = 5;

export const articleSummarySchema = z
  .object({
    id,
    channel: articleChannelSchema,
    channelLabel: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    pinned: z.boolean(),
    publishedAt: isoInstant.nullable(),
    /** 办事指南: the service the guide is for (its page links back here). */
    serviceCode: serviceCodeSchema.nullable(),
  })
  .meta({ id: 'ArticleSummary' });
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleSchema = articleSummarySchema
  .extend({
    /** Sanitised HTML: p, br, strong, em, u, h2–h4, ul/ol/li, blockquote, a, img (our uploads), tables. */
    body: z.string(),
    serviceName: z.string().nullable(),
    updatedAt: isoInstant,
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof articleSchema>;

export const staffArticleSchema = articleSchema
  .extend({
    status: articleStatusSchema,
    statusLabel: z.string(),
    authorId: id.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'StaffArticle' });
export type StaffArticle = z.infer<typeof staffArticleSchema>;

export const staffArticleSummarySchema = articleSummarySchema
  .extend({ status: articleStatusSchema, statusLabel: z.string(), updatedAt: isoInstant })
  .meta({ id: 'StaffArticleSummary' });
export type StaffArticleSummary = z.infer<typeof staffArticleSummarySchema>;

const searchText = z
  .string()
  .trim()
  .min(1)
  .max(ARTICLE_SEARCH_MAX, { error: `搜索词最多 ${ARTICLE_SEARCH_MAX} 字` })
  .optional()
  .describe('在标题和正文中查找（包含即可，如 优待证）');

export const articleListQuerySchema = pageQuerySchema.extend({
  channel: articleChannelSchema.optional(),
  q: searchText,
  serviceCode: serviceCodeSchema.optional().describe('某一办事事项的办事指南（服务页面用它链接到指南）'),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export const staffArticleListQuerySchema = articleListQuerySchema.extend({
  status: articleStatusSchema.optional().describe('不填：全部（含草稿和已下线）'),
});
export type StaffArticleListQuery = z.infer<typeof staffArticleListQuerySchema>;

export const homeFeedSchema = z
  .object({
    /** Pinned 通知公告, newest first. */
    notices: z.array(articleSummarySchema),
    /** The newest 政策法规. */
    policies: z.array(articleSummarySchema),
  })
  .meta({ id: 'HomeFeed' });
export type HomeFeed = z.infer<typeof homeFeedSchema>;

const title = z
  .string()
  .trim()
  .min(1, { error: '请填写标题' })
  .max(ARTICLE_TITLE_MAX, { error: `标题最多 ${ARTICLE_TITLE_MAX} 字` });
const summary = z
  .string()
  .trim()
  .max(ARTICLE_SUMMARY_MAX, { error: `摘要最多 ${ARTICLE_SUMMARY_MAX} 字` })
  .nullable()
  .optional()
  .describe('不填时取正文开头');
const body = z
  .string()
  .min(1, { error: '请填写正文' })
  .max(ARTICLE_BODY_MAX, { error: '正文过长' })
  .describe('富文本 HTML；服务器按白名单清理（无脚本、无事件属性、无外部 iframe，图片仅限本系统上传）');

export const articleCreateSchema = z.strictObject({
  channel: articleChannelSchema,
  title,
  summary,
  body,
  serviceCode: serviceCodeSchema.nullable().optional().describe('办事指南必填：对应的办事事项'),
  pinned: z.boolean().optional(),
});
export type ArticleCreate = z.infer<typeof articleCreateSchema>;

export const articleUpdateSchema = z.strictObject({
  channel: articleChannelSchema.optional(),
  title: title.optional(),
  summary,
  body: body.optional(),
  serviceCode: serviceCodeSchema.nullable().optional(),
  pinned: z.boolean().optional(),
});
export type ArticleUpdate = z.infer<typeof articleUpdateSchema>;

export type ArticleLinkProblem = 'GUIDE_NEEDS_SERVICE' | 'SERVICE_ONLY_FOR_GUIDES';

/** 办事指南 name their service; other channels do not name one. */
export function articleLinkProblem(channel: string, serviceCode: string | null | undefined): ArticleLinkProblem | null {
  if (channel === 'guide' && !serviceCode) return 'GUIDE_NEEDS_SERVICE';
  if (channel !== 'guide' && serviceCode) return 'SERVICE_ONLY_FOR_GUIDES';
  return null;
}

export const articleLinkProblemMessages: Record<ArticleLinkProblem, string> = {
  GUIDE_NEEDS_SERVICE: '办事指南须选择对应的办事事项',
  SERVICE_ONLY_FOR_GUIDES: '只有办事指南可以关联办事事项',
};
