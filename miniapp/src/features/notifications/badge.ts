import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { session } from '../../api/session';
import { tabs, UNREAD_TAB } from '../../navigation/tabs';
import { fetchUnreadCount } from './api';

/** The tab carrying the unread count, as the native tab bar counts them. */
const UNREAD_TAB_INDEX = tabs.findIndex((tab) => tab.key === UNREAD_TAB);

/** `99+` beyond two digits, as WeChat's own badges. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** What a 消息 entry says under its title: the unread count, or what the inbox holds. */
export function inboxSummary(unread: number): string {
  return unread > 0 ? `${unread} 条未读` : '办理通知';
}

/** Shows (or clears) the unread count on the 我的 tab. Only tab pages may call it on the mini-program. */
export function showUnreadOnTab(unread: number): void {
  const done =
    unread > 0
      ? Taro.setTabBarBadge({ index: UNREAD_TAB_INDEX, text: badgeText(unread) })
      : Taro.removeTabBarBadge({ index: UNREAD_TAB_INDEX });
  Promise.resolve(done).catch(() => undefined);
}

/**
 * For tab pages: the signed-in user's unread count, fetched each time the page shows, and put on the 我的 tab.
 * 0 when signed out (and the badge cleared).
 */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    if (!session.get()) {
      setUnread(0);
      showUnreadOnTab(0);
      return;
    }
    fetchUnreadCount().then(
      (count) => {
        setUnread(count);
        showUnreadOnTab(count);
      },
      () => undefined,
    );
  }, []);
  useDidShow(refresh);
  return unread;
}
