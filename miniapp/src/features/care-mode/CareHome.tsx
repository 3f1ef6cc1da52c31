import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppButton } from '../../components/AppButton';
import { PageRoot } from '../../components/PageRoot';
import { routes } from '../../navigation/routes';
import { HomeNewsSection } from '../articles/HomeNewsSection';
import { legalPages } from '../legal/pages';
import { inboxSummary } from '../notifications/badge';
import { openInbox, openMyRequests } from '../requests/navigation';
import { openServiceGuide } from '../services/navigation';
import { changeCareMode } from './store';
import './care-mode.css';

interface Tile {
  key: string;
  title: string;
  text: string;
  onClick: () => void;
}

const tiles: readonly Tile[] = [
  {
    key: 'legal',
    title: '预约法律咨询',
    text: '每周二上午 律师免费咨询',
    onClick: () => void Taro.navigateTo({ url: legalPages.consult }),
  },
  {
    key: 'apply',
    title: '我要办事',
    text: '优待证、保险接续等',
    onClick: () => void Taro.switchTab({ url: routes.services }),
  },
  { key: 'requests', title: '我的办件', text: '查看办理进度', onClick: openMyRequests },
  { key: 'hardship', title: '困难帮扶', text: '生活困难申请帮扶', onClick: () => openServiceGuide('hardship-aid') },
];

/**
 * The home page in care mode 关怀模式: the four most-used actions and 消息 (with the unread count) as large tiles,
 * the pinned notices, and the way back to the standard home page. pages/index shows it instead of the standard
 * home while care mode is on.
 */
export function CareHome({ unread }: { unread: number }) {
  const h5 = process.env.TARO_ENV === 'h5';
  const inbox: Tile = { key: 'inbox', title: '消息', text: inboxSummary(unread), onClick: openInbox };
  return (
    <PageRoot className="home-page care-home" mode="care" tab={{ current: 'home', unread }}>
      <View className="care-home__greeting">
        <View className="care-home__title">您好</View>
        <View className="care-home__text">魏都区退役军人服务，请点击下面的大按钮。</View>
      </View>
      <View className="care-tiles">
        {[...tiles, inbox].map((tile) => (
          <View
            key={tile.key}
            className={`care-tile care-tile--${tile.key} ${tile.key === 'inbox' && unread > 0 ? 'care-tile--unread' : ''}`}
            onClick={tile.onClick}
            // On H5 named by all it shows (title and line), as axe's label-content-name-mismatch asks.
            {...(h5
              ? { role: 'button', tabIndex: 0 }
              : { ariaRole: 'button', ariaLabel: `${tile.title}，${tile.text}` })}
          >
            <View className="care-tile__title">{tile.title}</View>
            <View className="care-tile__text">{tile.text}</View>
          </View>
        ))}
      </View>
      <HomeNewsSection variant="notices" />
      <AppButton className="care-home__standard" size="large" block onClick={() => void changeCareMode(false)}>
        退出关怀模式
      </AppButton>
    </PageRoot>
  );
}
