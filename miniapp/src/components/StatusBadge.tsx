import { Text } from '@tarojs/components';
import type { Badge } from '../features/account/status';

export function StatusBadge({ badge }: { badge: Badge }) {
  return <Text className={`status-badge status-badge--${badge.tone}`}>{badge.text}</Text>;
}
