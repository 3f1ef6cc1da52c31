import { articleChannels } from '@veterans/shared';
import { boolean, index, mediumtext, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref, timestamps } from './columns';

/** Policy and legal-education content; routes come with the content issue. */
export const articles = mysqlTable(
  'articles',
  {
    id: id(),
    channel: mysqlEnum('channel', articleChannels).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    summary: varchar('summary', { length: 500 }),
    body: mediumtext('body').notNull(),
    serviceCode: varchar('service_code', { length: 64 }),
    pinned: boolean('pinned').notNull().default(false),
    publishedAt: instant('published_at'),
    authorId: ref('author_id'),
    ...timestamps,
  },
  (table) => [index('articles_channel_published_idx').on(table.channel, table.publishedAt)],
);
