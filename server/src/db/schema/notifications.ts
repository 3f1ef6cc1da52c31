import { sql } from 'drizzle-orm';
import { index, int, json, mysqlEnum, mysqlTable, primaryKey, smallint, text, varchar } from 'drizzle-orm/mysql-core';
import { id, instant, ref } from './columns';

export const recipientTypes = ['citizen', 'staff'] as const;

/** The in-app inbox 消息 of citizens and staff. */
export const notifications = mysqlTable(
  'notifications',
  {
    id: id(),
    recipientType: mysqlEnum('recipient_type', recipientTypes).notNull(),
    recipientId: ref('recipient_id').notNull(),
    kind: varchar('kind', { length: 48 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    body: varchar('body', { length: 500 }).notNull(),
    /** App page to open, e.g. /subpackages/requests/detail/index?id=12 */
    link: varchar('link', { length: 255 }),
    readAt: instant('read_at'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('notifications_recipient_idx').on(table.recipientType, table.recipientId, table.readAt, table.id)],
);

/**
 * Messages to send outside the database (WeChat subscribe messages), written in the same transaction as
 * the change they announce. Workers claim rows with FOR UPDATE SKIP LOCKED; `dedupe_key` makes a second
 * write of the same message a no-op.
 */
export const outbox = mysqlTable(
  'outbox',
  {
    id: id(),
    channel: mysqlEnum('channel', ['wechat-subscribe']).notNull(),
    dedupeKey: varchar('dedupe_key', { length: 128 }).notNull().unique(),
    recipientType: mysqlEnum('recipient_type', recipientTypes).notNull(),
    recipientId: ref('recipient_id').notNull(),
    template: varchar('template', { length: 48 }).notNull(),
    payload: json('payload').$type<Record<string, unknown>>().notNull(),
    status: mysqlEnum('status', ['pending', 'sending', 'sent', 'failed', 'skipped']).notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    lockedUntil: instant('locked_until'),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [index('outbox_due_idx').on(table.status, table.nextAttemptAt)],
);

/** One-time WeChat subscribe-message grants: each "allow" lets us send one message of that template. */
export const subscriptionGrants = mysqlTable(
  'subscription_grants',
  {
    userId: ref('user_id').notNull(),
    template: varchar('template', { length: 48 }).notNull(),
    remaining: int('remaining').notNull().default(0),
    updatedAt: instant('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.template] })],
);
