import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchNotifications, markAllNotificationsRead } from '../../../features/staff/api';
import { NotificationRow } from '../../../features/staff/Inbox';
import { Pager } from '../../../features/staff/Pager';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import '../../../features/staff/staff.css';

/** The staff member's inbox 消息: newly routed and soon-overdue requests, applicants' messages, assignments. */
export default function StaffInboxPage() {
  return (
    <PageRoot className="staff-inbox-page staff-page">
      <RequireStaff>{() => <Inbox />}</RequireStaff>
    </PageRoot>
  );
}

function Inbox() {
  const [page, setPage] = useState(1);
  const load = useCallback(() => fetchNotifications(page), [page]);
  const { state, reload } = usePageRequest(load);
  const [busy, setBusy] = useState(false);
  const anyUnread = state.status === 'success' && state.data.items.some((item) => !item.read);
  return (
    <>
      {anyUnread && (
        <View className="staff-actions inbox-actions">
          <AppButton
            size="small"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await markAllNotificationsRead();
                void Taro.showToast({ title: '已全部标为已读', icon: 'none', duration: 1500 });
                reload();
              } catch {
                // the client showed why
              } finally {
                setBusy(false);
              }
            }}
          >
            全部标为已读
          </AppButton>
        </View>
      )}
      <LoadState state={state} onRetry={reload} isEmpty={(data) => data.items.length === 0} emptyText="暂无消息">
        {(data) => (
          <>
            {data.items.map((notification) => (
              <NotificationRow key={notification.id} notification={notification} onRead={reload} />
            ))}
            <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />
          </>
        )}
      </LoadState>
    </>
  );
}
