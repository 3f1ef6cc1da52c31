import {
  type Article,
  type ArticleChannel,
  type ArticleStatus,
  type ArticleSummary,
  articleChannelLabels,
  articleStatusLabels,
  findService,
  HOME_NOTICE_COUNT,
  HOME_POLICY_COUNT,
  type PageQuery,
  pageOffset,
  type ServiceCode,
  type StaffArticle,
  type StaffArticleSummary,
} from '@veterans/shared';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { articles, orgUnits } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { StaffCaller } from '../../plugins/caller';
import { isDistrictWide, scopeCondition } from '../org-units/scope';
import { containsAny } from './search';

export type ArticleRow = typeof articles.$inferSelect;

const EXCERPT_LENGTH = 90;

/** Everything but the body: what lists read. */
const summaryColumns = {
  id: articles.id,
  channel: articles.channel,
  status: articles.status,
  title: articles.title,
  summary: articles.summary,
  pinned: articles.pinned,
  publishedAt: articles.publishedAt,
  serviceCode: articles.serviceCode,
  updatedAt: articles.updatedAt,
  /** Enough of the body text for an excerpt when no summary was written. */
  excerpt: sql<string | null>`LEFT(${articles.bodyText}, ${EXCERPT_LENGTH + 1})`,
};
type SummaryRow = Pick<
  ArticleRow,
  'id' | 'channel' | 'status' | 'title' | 'summary' | 'pinned' | 'publishedAt' | 'serviceCode' | 'updatedAt'
> & { excerpt?: string | null; bodyText?: string | null };

/** The summary, or when none was written, the start of the body text. */
function summaryOf(summary: string | null, bodyText: string | null | undefined): string | null {
  if (summary) return summary;
  if (!bodyText) return null;
  return bodyText.length > EXCERPT_LENGTH ? `${bodyText.slice(0, EXCERPT_LENGTH)}…` : bodyText;
}

function serviceCodeOf(value: string | null): ServiceCode | null {
  return value && findService(value) ? (value as ServiceCode) : null;
}

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    channel: row.channel,
    channelLabel: articleChannelLabels[row.channel],
    title: row.title,
    summary: summaryOf(row.summary, row.excerpt ?? row.bodyText),
    pinned: row.pinned,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    serviceCode: serviceCodeOf(row.serviceCode),
  };
}

export function toStaffSummary(row: SummaryRow): StaffArticleSummary {
  return {
    ...toSummary(row),
    status: row.status,
    statusLabel: articleStatusLabels[row.status],
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toArticle(row: ArticleRow): Article {
  const serviceCode = serviceCodeOf(row.serviceCode);
  return {
    ...toSummary(row),
    body: row.body,
    serviceName: serviceCode ? (findService(serviceCode)?.name ?? null) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toStaffArticle(row: ArticleRow): StaffArticle {
  return {
    ...toArticle(row),
    status: row.status,
    statusLabel: articleStatusLabels[row.status],
    authorId: row.authorId,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface ArticleFilter {
  status?: ArticleStatus;
  channel?: ArticleChannel;
  serviceCode?: ServiceCode;
  q?: string;
}

function conditions(filter: ArticleFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.status) parts.push(eq(articles.status, filter.status));
  if (filter.channel) parts.push(eq(articles.channel, filter.channel));
  if (filter.serviceCode) parts.push(eq(articles.serviceCode, filter.serviceCode));
  if (filter.q) parts.push(containsAny([articles.title, articles.bodyText], filter.q));
  return parts.length > 0 ? and(...parts) : undefined;
}

export interface ArticlePage<Item> {
  items: Item[];
  total: number;
}

/** Published articles: pinned first, then newest. */
export async function listPublished(
  db: Database,
  filter: Omit<ArticleFilter, 'status'>,
  page: PageQuery,
): Promise<ArticlePage<ArticleSummary>> {
  const where = conditions({ ...filter, status: 'published' });
  const [rows, [counted]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(articles)
      .where(where)
      .orderBy(desc(articles.pinned), desc(articles.publishedAt), desc(articles.id))
      .limit(page.pageSize)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(articles).where(where),
  ]);
  return {
    items: rows.map(toSummary),
    total: counted?.total ?? 0,
  };
}

/** Every article of the editor's subtree, drafts and unpublished ones included: the newest edits first. */
export async function listForStaff(
  db: Database,
  editor: StaffCaller,
  filter: ArticleFilter,
  page: PageQuery,
): Promise<ArticlePage<StaffArticleSummary>> {
  const where = and(conditions(filter), editableBy(db, editor));
  const [rows, [counted]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(articles)
      .where(where)
      .orderBy(desc(articles.updatedAt), desc(articles.id))
      .limit(page.pageSize)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(articles).where(where),
  ]);
  return { items: rows.map(toStaffSummary), total: counted?.total ?? 0 };
}

/**
 * Articles belong to a unit; staff edit those of their own unit and the units below it. The district centre's
 * staff edit every article (those from before articles had a unit too).
 */
function editableBy(db: Database, editor: StaffCaller): SQL | undefined {
  if (isDistrictWide(editor)) return undefined;
  const units = db.select({ id: orgUnits.id }).from(orgUnits).where(scopeCondition(editor, orgUnits.path));
  return inArray(articles.unitId, units);
}

/** The article when this editor may change it; NOT_FOUND otherwise (another unit's drafts do not show). */
export async function findEditableArticle(db: Database, editor: StaffCaller, id: number): Promise<ArticleRow> {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.id, id), editableBy(db, editor)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', '文章不存在');
  return row;
}

export async function findArticle(db: Database, id: number): Promise<ArticleRow | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return row;
}

/** The home page 首页: pinned notices and the newest policy articles. */
export async function homeFeed(db: Database): Promise<{ notices: ArticleSummary[]; policies: ArticleSummary[] }> {
  const [notices, policies] = await Promise.all([
    db
      .select(summaryColumns)
      .from(articles)
      .where(and(eq(articles.status, 'published'), eq(articles.channel, 'notice'), eq(articles.pinned, true)))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(HOME_NOTICE_COUNT),
    db
      .select(summaryColumns)
      .from(articles)
      .where(and(eq(articles.status, 'published'), eq(articles.channel, 'policy')))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(HOME_POLICY_COUNT),
  ]);
  return { notices: notices.map(toSummary), policies: policies.map(toSummary) };
}
