import {
  type Article,
  type ArticleChannel,
  type ArticleCreate,
  type ArticleStatus,
  type ArticleSummary,
  type ArticleUpdate,
  articleSchema,
  articleSummarySchema,
  type HomeFeed,
  homeFeedSchema,
  pagedSchema,
  type ServiceCode,
  type StaffArticle,
  type StaffArticleSummary,
  staffArticleSchema,
  staffArticleSummarySchema,
} from '@veterans/shared';
import { request } from '../../api/client';
import type { Page } from './paging';

/** Articles 文章: public reading (`/articles…`, no sign-in) and the staff editor (`/staff/articles…`). */

export const ARTICLE_PAGE_SIZE = 10;

export interface ArticleQuery {
  channel?: ArticleChannel;
  /** Searched in title and body by the server. */
  q?: string;
  serviceCode?: ServiceCode;
}

const publicPage = pagedSchema(articleSummarySchema);
const staffPage = pagedSchema(staffArticleSummarySchema);

export function fetchArticles(
  query: ArticleQuery,
  page: number,
  pageSize = ARTICLE_PAGE_SIZE,
): Promise<Page<ArticleSummary>> {
  return request('GET', '/articles', {
    schema: publicPage,
    query: { channel: query.channel, q: query.q || undefined, serviceCode: query.serviceCode, page, pageSize },
    quiet: true,
  });
}

export function fetchArticle(id: number): Promise<Article> {
  return request('GET', `/articles/${id}`, { schema: articleSchema, quiet: true });
}

export function fetchHomeFeed(): Promise<HomeFeed> {
  return request('GET', '/articles/home', { schema: homeFeedSchema, quiet: true });
}

// ---- Staff ----------------------------------------------------------------------------------------------------

export interface StaffArticleQuery extends ArticleQuery {
  status?: ArticleStatus;
}

export function fetchStaffArticles(
  query: StaffArticleQuery,
  page: number,
  pageSize = ARTICLE_PAGE_SIZE,
): Promise<Page<StaffArticleSummary>> {
  return request('GET', '/staff/articles', {
    schema: staffPage,
    query: { channel: query.channel, status: query.status, q: query.q || undefined, page, pageSize },
    quiet: true,
  });
}

/** The article in any state, as the public would see it (also what the editor loads). */
export function previewArticle(id: number): Promise<StaffArticle> {
  return request('GET', `/staff/articles/${id}/preview`, { schema: staffArticleSchema, quiet: true });
}

export function createArticle(body: ArticleCreate): Promise<StaffArticle> {
  return request('POST', '/staff/articles', { schema: staffArticleSchema, body, quiet: true });
}

export function updateArticle(id: number, body: ArticleUpdate): Promise<StaffArticle> {
  return request('PATCH', `/staff/articles/${id}`, { schema: staffArticleSchema, body, quiet: true });
}

export function publishArticle(id: number): Promise<StaffArticle> {
  return request('POST', `/staff/articles/${id}/publish`, { schema: staffArticleSchema });
}

export function unpublishArticle(id: number): Promise<StaffArticle> {
  return request('POST', `/staff/articles/${id}/unpublish`, { schema: staffArticleSchema });
}
