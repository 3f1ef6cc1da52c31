import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Notification } from '@veterans/shared';
import { useEffect, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { pressable } from '../../../components/pressable';
import { fetchNotifications, markAllRead, markRead } from '../../../features/notifications/api';
import { dateTimeText } from '../../../features/requests/status';
import { useSession } from '../../../hooks/use-session';
import { openPage, openSignIn } from '../../../navigation/navigate';
import { safeRedirect } from '../../../navigation/routes';
import './index.css';

/** 消息: the inbox. Unread in bold; a tap marks it read and opens what it is about. */
export default function InboxPage() {
  const current = useSession();
  return (
    <PageRoot className="inbox-page">
      {current ? (
        <Inbox />
      ) : (
        <View className="card">
          <View className="card__title">请先登录</View>
          <View className="body-text">登录后可以查看办件进度等消息。</View>
          <AppButton type="primary" size="large" block onClick={() => openSignIn()}>
            登录
          </AppButton>
        </View>
      )}
    </PageRoot>
  );
}

const firstPage = () => fetchNotifications(1);

function Inbox() {
  const { state, reload } = usePageRequest(firstPage);
  const [items, setItems] = useState<Notification[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loadingMore, setLoadingMore] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);

  useEffect(() => {
    if (state.status !== 'success') return;
    setItems(state.data.items);
    setTotal(state.data.total);
    setPage(1);
  }, [state]);

  const unread = items.filter((item) => !item.read).length;

  const open = async (item: Notification) => {
    if (!item.read) {
      setItems((previous) => previous.map((other) => (other.id === item.id ? { ...other, read: true } : other)));
      markRead(item.id).catch(() => undefined);
    }
    const target = item.link ? safeRedirect(item.link, '') : '';
    if (target) openPage(target);
  };

  const readAll = async () => {
    setMarkingAll(true);
    try {
      await markAllRead();
      setItems((previous) => previous.map((item) => ({ ...item, read: true })));
      void Taro.showToast({ title: '已全部标为已读', icon: 'none', duration: 1500 });
    } catch {
      // toast shown
    } finally {
      setMarkingAll(false);
    }
  };

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const next = await fetchNotifications(page + 1);
      setItems((previous) => [...previous, ...next.items.filter((item) => !previous.some((p) => p.id === item.id))]);
      setTotal(next.total);
      setPage(page + 1);
    } catch {
      // toast shown
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <LoadState state={state} onRetry={reload}>
      {() =>
        items.length === 0 ? (
          <View className="load-state load-state--empty">暂无消息</View>
        ) : (
          <>
            <View className="inbox-head">
              <View className="inbox-head__count">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</View>
              <AppButton size="small" disabled={unread === 0} loading={markingAll} onClick={readAll}>
                全部已读
              </AppButton>
            </View>
            {items.map((item) => (
              <View
                key={item.id}
                className={`notification ${item.read ? '' : 'notification--unread'}`}
                onClick={() => void open(item)}
                // Named by what it shows: 未读 (a word, not only a red dot), title, text and time.
                {...pressable(() => void open(item))}
              >
                <View className="notification__head">
                  {!item.read && <View className="notification__unread">未读</View>}
                  <View className="notification__title">{item.title}</View>
                </View>
                <View className="notification__body">{item.body}</View>
                <View className="notification__time">{dateTimeText(item.createdAt)}</View>
              </View>
            ))}
            {items.length < total && (
              <AppButton size="large" block loading={loadingMore} onClick={loadMore}>
                加载更多
              </AppButton>
            )}
          </>
        )
      }
    </LoadState>
  );
}
