import { articleChannels, articleStatuses } from '@veterans/shared';
import { boolean, index, mediumtext, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/**
 * Policy and legal-education content 政策法规/普法宣传/通知公告/办事指南. `body` is rich text already sanitised
 * on the server (allow-list, see modules/articles/sanitize.ts); `body_text` is its plain-text copy that search
 * runs `LIKE` over (MariaDB FULLTEXT has no Chinese tokenizer). Only `status = 'published'` rows are public.
 */
export const articles = mysqlTable(
  'articles',
  {
    id: id(),
    channel: mysqlEnum('channel', articleChannels).notNull(),
    status: mysqlEnum('status', articleStatuses).notNull().default('draft'),
    title: varchar('title', { length: 200 }).notNull(),
    summary: varchar('summary', { length: 500 }),
    body: mediumtext('body').notNull(),
    /** Plain text of `body` (tags stripped, entities decoded) for search; null only before a backfill. */
    bodyText: mediumtext('body_text'),
    serviceCode: varchar('service_code', { length: 64 }),
    pinned: boolean('pinned').notNull().default(false),
    publishedAt: instant('published_at'),
    authorId: ref('author_id'),
    /** The unit the article belongs to: staff of that unit and of the units above it edit it. */
    unitId: ref('unit_id'),
    ...timestamps,
  },
  (table) => [
    // Public lists: published, one channel or all, pinned first then newest.
    index('articles_list_idx').on(table.status, table.channel, table.pinned, table.publishedAt),
    index('articles_feed_idx').on(table.status, table.pinned, table.publishedAt),
    // 办事指南 of one service.
    index('articles_service_idx').on(table.serviceCode, table.status),
  ],
);
