import { View } from '@tarojs/components';
import './entry-row.css';

interface EntryRowProps {
  title: string;
  /** Shown on the right: a status or a short value. */
  extra?: string;
  danger?: boolean;
  onClick: () => void;
}

/** One tappable line of a menu (我的 page entries), at least one touch target high. */
export function EntryRow({ title, extra, danger, onClick }: EntryRowProps) {
  const label = extra ? `${title}，${extra}` : title;
  return (
    <View
      className={`entry-row ${danger ? 'entry-row--danger' : ''}`}
      onClick={onClick}
      {...(process.env.TARO_ENV === 'h5' ? { role: 'button', 'aria-label': label, tabIndex: 0 } : {})}
    >
      <View className="entry-row__title">{title}</View>
      {extra && <View className="entry-row__extra">{extra}</View>}
      <View className="entry-row__chevron">›</View>
    </View>
  );
}
