import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pressable } from '../../components/pressable';
import { legalPages } from './pages';
import './entry-tile.css';

/**
 * 预约法律咨询: the home page's way into the free legal consultation. Light on purpose (it sits in the main
 * package): the booking pages themselves live in subpackages/legal.
 */
export function LegalEntryTile() {
  const openConsult = () => void Taro.navigateTo({ url: legalPages.consult });
  return (
    <View className="legal-entry-tile" onClick={openConsult} {...pressable(openConsult)}>
      <View className="legal-entry-tile__body">
        <View className="legal-entry-tile__title">预约法律咨询</View>
        <View className="legal-entry-tile__text">每周二上午，法律援助律师免费解答</View>
      </View>
      <View className="legal-entry-tile__chevron">›</View>
    </View>
  );
}
