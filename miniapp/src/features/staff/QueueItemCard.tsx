import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { beijingToday, type StaffQueueItem } from '@veterans/shared';
import { pressable } from '../../components/pressable';
import { StatusBadge } from '../../components/StatusBadge';
import { applicantText, dueMark, statusBadge } from './format';
import { requestUrl } from './routes';
import './staff.css';

/** One request in the queue: number, service, status, overdue mark, masked applicant, unit and assignee. */
export function QueueItemCard({ item, today = beijingToday() }: { item: StaffQueueItem; today?: string }) {
  const due = dueMark(item, today);
  const number = item.number ?? `#${item.id}`;
  const open = () => void Taro.navigateTo({ url: requestUrl(item.id) });
  return (
    <View
      className={`queue-item ${due?.overdue ? 'queue-item--overdue' : ''}`}
      onClick={open}
      // Named by what it shows: service, status, stage, overdue mark, number, applicant, unit and assignee.
      {...pressable(open, { role: 'link' })}
    >
      <View className="queue-item__head">
        <View className="queue-item__service">{item.serviceName}</View>
        <StatusBadge badge={statusBadge(item.status)} />
        {item.stageLabel && <View className="staff-tag">{item.stageLabel}</View>}
        {due?.overdue && <View className="staff-tag staff-tag--overdue">{due.text}</View>}
      </View>
      <View className="queue-item__line queue-item__number">{`编号 ${number}`}</View>
      <View className="queue-item__line">{`申请人 ${applicantText(item)} · ${item.unit.name}`}</View>
      <View className="queue-item__line">
        {`承办人 ${item.assignee?.displayName ?? '未分配'}${due && !due.overdue ? ` · ${due.text}` : ''}`}
      </View>
    </View>
  );
}
