import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { legalPages } from './pages';
import './entry-tile.css';

/**
 * 预约法律咨询: the home page's way into the free legal consultation. Light on purpose (it sits in the main
 * package): the booking pages themselves live in subpackages/legal.
 */
export function LegalEntryTile() {
  return (
    <View
      className="legal-entry-tile"
      onClick={() => void Taro.navigateTo({ url: legalPages.consult })}
      {...(process.env.TARO_ENV === 'h5'
        ? { role: 'button', 'aria-label': '预约法律咨询，每周二上午律师免费解答', tabIndex: 0 }
        : {})}
    >
      <View className="legal-entry-tile__body">
        <View className="legal-entry-tile__title">预约法律咨询</View>
        <View className="legal-entry-tile__text">每周二上午，法律援助律师免费解答</View>
      </View>
      <View className="legal-entry-tile__chevron">›</View>
    </View>
  );
}
