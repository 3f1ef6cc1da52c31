import {
  type Notification,
  type NotificationPage,
  notificationPageSchema,
  notificationSchema,
  readAllResultSchema,
  type SubscribeTemplate,
  type SubscriptionState,
  subscriptionsSchema,
  unreadCountSchema,
} from '@veterans/shared';
import { request } from '../../api/client';

/** 消息: the signed-in user's inbox and, on the mini-program, their WeChat subscribe-message grants. */

export function fetchNotifications(page = 1): Promise<NotificationPage> {
  return request('GET', '/notifications', { schema: notificationPageSchema, query: { page, pageSize: 20 } });
}

export async function fetchUnreadCount(): Promise<number> {
  const { unread } = await request('GET', '/notifications/unread-count', { schema: unreadCountSchema, quiet: true });
  return unread;
}

export function markRead(id: number): Promise<Notification> {
  return request('POST', `/notifications/${id}/read`, { schema: notificationSchema, quiet: true });
}

export async function markAllRead(): Promise<number> {
  const { updated } = await request('POST', '/notifications/read-all', { schema: readAllResultSchema });
  return updated;
}

export async function fetchSubscriptions(): Promise<SubscriptionState[]> {
  const { items } = await request('GET', '/me/subscriptions', { schema: subscriptionsSchema, quiet: true });
  return items;
}

export async function reportSubscriptions(accepted: SubscribeTemplate[], rejected: SubscribeTemplate[]): Promise<void> {
  await request('POST', '/me/subscriptions', {
    schema: subscriptionsSchema,
    body: { accepted, rejected },
    quiet: true,
  });
}
