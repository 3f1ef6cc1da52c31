import { View } from '@tarojs/components';
import type { RequestMessage, TimelineEvent } from '@veterans/shared';
import { staffTimeline } from '../conversation';
import { dateTimeText } from '../format';
import '../staff.css';

/** 办理进度: every event, internal notes among them (marked; the applicant's timeline leaves them out). */
export function RequestTimeline({ events, messages }: { events: TimelineEvent[]; messages: RequestMessage[] }) {
  const entries = staffTimeline(events, messages);
  return (
    <View className="card request-timeline">
      <View className="card__title">办理进度</View>
      {entries.length === 0 && <View className="body-text">暂无记录</View>}
      {entries.map((entry) => (
        <View
          key={entry.key}
          className={`staff-timeline__entry timeline-entry ${entry.internal ? 'staff-timeline__entry--internal' : ''}`}
        >
          <View className="staff-timeline__title">
            {entry.title}
            {entry.internal && (
              <View className="staff-tag staff-tag--internal">{entry.kind === 'note' ? '仅内部可见' : '内部'}</View>
            )}
          </View>
          <View className="staff-timeline__meta">{`${entry.actor} · ${dateTimeText(entry.at)}`}</View>
          {entry.comment && <View className="staff-timeline__comment">{entry.comment}</View>}
        </View>
      ))}
    </View>
  );
}
