import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Notification } from '@veterans/shared';
import { pressable } from '../../components/pressable';
import { markNotificationRead } from './api';
import { dateTimeText } from './format';
import { openableStaffLink } from './routes';
import './staff.css';

/** Marks a notification read and opens the staff page it names, if any. */
export async function openNotification(notification: Notification, onRead?: () => void): Promise<void> {
  if (!notification.read) {
    await markNotificationRead(notification.id).catch(() => undefined);
    onRead?.();
  }
  const link = openableStaffLink(notification.link);
  if (link) void Taro.navigateTo({ url: link });
}

/** One line of the staff inbox: unread ones carry a 未读 tag. */
export function NotificationRow({ notification, onRead }: { notification: Notification; onRead?: () => void }) {
  const open = () => void openNotification(notification, onRead);
  return (
    <View
      className="queue-item notification-row"
      onClick={open}
      // Named by what it shows: title, 未读, text and time.
      {...pressable(open)}
    >
      <View className="queue-item__head">
        <View className="queue-item__service">{notification.title}</View>
        {!notification.read && <View className="staff-tag staff-tag--unread">未读</View>}
      </View>
      <View className="staff-message__body">{notification.body}</View>
      <View className="queue-item__line">{dateTimeText(notification.createdAt)}</View>
    </View>
  );
}
