import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import homeIcon from '../../assets/tab-home.png';
import homeIconActive from '../../assets/tab-home-active.png';
import mineIcon from '../../assets/tab-mine.png';
import mineIconActive from '../../assets/tab-mine-active.png';
import servicesIcon from '../../assets/tab-services.png';
import servicesIconActive from '../../assets/tab-services-active.png';
import { type TabKey, tabs, UNREAD_TAB } from '../../navigation/tabs';
import { badgeText } from '../notifications/badge';
import { sendUntilAnswered } from './until-answered';

// Imported (not the config's paths) so that both builds bundle the same images the native tab bar shows.
const icons: Record<TabKey, { icon: string; active: string }> = {
  home: { icon: homeIcon, active: homeIconActive },
  services: { icon: servicesIcon, active: servicesIconActive },
  mine: { icon: mineIcon, active: mineIconActive },
};

/**
 * The native tab bar (WeChat's, and Taro's copy of it on H5) has a fixed height and 10 px labels that no style
 * reaches. In care mode the tab pages hide it and draw this one instead; outside care mode it is shown again.
 */
function useNativeTabBar(visible: boolean): void {
  const cancel = useRef<() => void>();
  // A failure is an answer too: there is no tab bar to change (e.g. a page opened outside the tab stack).
  const apply = useCallback(() => {
    cancel.current?.();
    cancel.current = sendUntilAnswered(() =>
      visible ? Taro.showTabBar({ animation: false }) : Taro.hideTabBar({ animation: false }),
    );
  }, [visible]);
  useEffect(() => {
    apply();
    return () => cancel.current?.();
  }, [apply]);
  // The native bar is one for all tab pages: each tab page sets it again when it comes to the front.
  useDidShow(apply);
}

interface CareTabBarProps {
  current: TabKey;
  /** The unread count, shown on the tab that carries it. */
  unread: number;
  care: boolean;
}

/** 关怀模式's tab bar: tabs at least 60 px high with 18 px+ labels and badge (see care-mode.css). */
export function CareTabBar({ current, unread, care }: CareTabBarProps) {
  useNativeTabBar(!care);
  if (!care) return null;
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className="care-tab-bar" {...(h5 ? { role: 'navigation', 'aria-label': '主菜单' } : {})}>
      {tabs.map((tab) => {
        const active = tab.key === current;
        const badge = tab.key === UNREAD_TAB && unread > 0 ? badgeText(unread) : undefined;
        const open = () => {
          if (!active) void Taro.switchTab({ url: `/${tab.pagePath}` });
        };
        return (
          <View
            key={tab.key}
            className={`care-tab ${active ? 'care-tab--active' : ''}`}
            onClick={open}
            {...(h5
              ? {
                  role: 'link',
                  'aria-current': active ? 'page' : undefined,
                  tabIndex: 0,
                  onKeyDown: (event: { key: string }) => {
                    if (event.key === 'Enter') open();
                  },
                }
              : { ariaRole: 'link', ariaLabel: badge ? `${tab.text}，${badge} 条未读` : tab.text })}
          >
            <View className="care-tab__icon-box" {...(h5 ? { 'aria-hidden': 'true' } : {})}>
              <Image className="care-tab__icon" src={active ? icons[tab.key].active : icons[tab.key].icon} />
            </View>
            <Text className="care-tab__label">{tab.text}</Text>
            {badge && (
              <Text className="care-tab__badge">
                {badge}
                {/* Read out after the figure; the visible text stays part of the name (axe label-content-name-mismatch). */}
                {h5 && <Text className="visually-hidden"> 条未读</Text>}
              </Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
