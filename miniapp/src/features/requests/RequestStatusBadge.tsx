import { Text, View } from '@tarojs/components';
import type { RequestStatus } from '@veterans/shared';
import { statusText, statusTone } from './status';
import './request-status.css';

/** The status of a request (shared labels) and, when late, 已超期. */
export function RequestStatusBadge({ status, overdue }: { status: RequestStatus; overdue?: boolean }) {
  return (
    <View className="request-badges">
      <Text className={`status-badge request-badge request-badge--${statusTone(status)}`}>{statusText(status)}</Text>
      {overdue && <Text className="status-badge request-badge request-badge--danger">已超期</Text>}
    </View>
  );
}
