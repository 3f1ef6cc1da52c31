import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { routes } from '../../navigation/routes';
import { badgeText, inboxSummary } from '../notifications/badge';
import { openServiceGuide } from '../services/navigation';
import { openInbox, openMyRequests } from './navigation';
import './shortcuts.css';

interface Tile {
  key: string;
  title: string;
  text: string;
  onClick: () => void;
  badge?: number;
}

/** The home page's big shortcuts: what most visitors come for, one tap away. */
export function Shortcuts({ unread }: { unread: number }) {
  const tiles: Tile[] = [
    {
      key: 'apply',
      title: '我要办事',
      text: '在线申请各类事项',
      onClick: () => void Taro.switchTab({ url: routes.services }),
    },
    { key: 'requests', title: '我的办件', text: '查看进度和结果', onClick: openMyRequests },
    {
      key: 'inbox',
      title: '消息',
      text: inboxSummary(unread),
      onClick: openInbox,
      badge: unread,
    },
    { key: 'hardship', title: '困难帮扶', text: '生活困难申请帮扶', onClick: () => openServiceGuide('hardship-aid') },
  ];
  return (
    <View className="shortcuts">
      {tiles.map((tile) => (
        <View
          key={tile.key}
          className={`shortcut shortcut--${tile.key}`}
          onClick={tile.onClick}
          // Named by its visible text (title, then the line under it: "消息 3 条未读"), never a label of its own
          // that leaves part of what is shown out (axe label-content-name-mismatch); the badge repeats the count.
          {...(process.env.TARO_ENV === 'h5' ? { role: 'button', tabIndex: 0 } : {})}
        >
          <View className="shortcut__title">
            {tile.title}
            {tile.badge ? (
              <Text className="shortcut__badge" {...(process.env.TARO_ENV === 'h5' ? { 'aria-hidden': 'true' } : {})}>
                {badgeText(tile.badge)}
              </Text>
            ) : null}
          </View>
          <View className="shortcut__text">{tile.text}</View>
        </View>
      ))}
    </View>
  );
}
