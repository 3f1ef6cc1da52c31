import type { Notification, NotificationListQuery } from '@veterans/shared';
import { pageOffset } from '@veterans/shared';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { notifications } from '../../db/schema/index';
import type { Recipient } from './notify';

type NotificationRow = typeof notifications.$inferSelect;

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    read: row.readAt !== null,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const own = (recipient: Recipient) =>
  and(eq(notifications.recipientType, recipient.type), eq(notifications.recipientId, recipient.id));

/** The recipient's inbox, newest first. */
export async function listNotifications(db: Database, recipient: Recipient, query: NotificationListQuery) {
  const where = and(own(recipient), query.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db.select({ value: count() }).from(notifications).where(where),
  ]);
  return { items: rows.map(toNotification), total: total?.value ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(db: Database, recipient: Recipient): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(own(recipient), isNull(notifications.readAt)));
  return row?.value ?? 0;
}

/** Marks one of the recipient's own messages read (keeping the first read time); null when it is not theirs. */
export async function markRead(db: Database, recipient: Recipient, id: number): Promise<Notification | null> {
  await db
    .update(notifications)
    .set({ readAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(eq(notifications.id, id), own(recipient), isNull(notifications.readAt)));
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), own(recipient)));
  return row ? toNotification(row) : null;
}

export async function markAllRead(db: Database, recipient: Recipient): Promise<number> {
  const [result] = await db
    .update(notifications)
    .set({ readAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(own(recipient), isNull(notifications.readAt)));
  return result.affectedRows;
}
