import { Text } from '@tarojs/components';
import { promisedTimeText } from './catalog';
import './promised-time.css';

export function PromisedTime({ days }: { days: number }) {
  return <Text className="promised-time">{promisedTimeText(days)}</Text>;
}
