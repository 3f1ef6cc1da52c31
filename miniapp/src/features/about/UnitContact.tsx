import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrgUnit } from '@veterans/shared';
import { useRequest } from '../../api/use-request';
import { AppButton } from '../../components/AppButton';
import { fetchOrgUnits } from '../account/api';
import { mapUrl, unitForPlace } from './units';
import './unit-contact.css';

function openMap(unit: OrgUnit): void {
  if (unit.latitude === null || unit.longitude === null) return;
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.openLocation({
      latitude: unit.latitude,
      longitude: unit.longitude,
      name: unit.name,
      address: unit.address ?? '',
      scale: 16,
    }).catch(() => undefined);
    return;
  }
  const url = mapUrl(unit);
  if (url) window.open(url, '_blank', 'noopener');
}

/** A unit's address and phone, with 拨打电话 and 地图导航 (wx.openLocation on weapp, 高德地图 on H5) where known. */
export function UnitContact({ unit }: { unit: OrgUnit }) {
  const hasMap = unit.latitude !== null && unit.longitude !== null;
  return (
    <View className="unit-contact">
      <View className="unit-contact__name">{unit.name}</View>
      <View className="unit-contact__line">{`地址：${unit.address ?? '请致电咨询'}`}</View>
      {unit.phone && <View className="unit-contact__line">{`电话：${unit.phone}`}</View>}
      <View className="unit-contact__actions">
        {unit.phone && (
          <AppButton
            label={`拨打电话：${unit.name} ${unit.phone}`}
            onClick={() => void Taro.makePhoneCall({ phoneNumber: unit.phone as string }).catch(() => undefined)}
          >
            拨打电话
          </AppButton>
        )}
        {hasMap && (
          <AppButton label={`地图导航：${unit.name}`} onClick={() => openMap(unit)}>
            地图导航
          </AppButton>
        )}
      </View>
    </View>
  );
}

/** The address, phone and map of the unit a place names (the consultation's 地点); nothing when no unit matches. */
export function PlaceContact({ place }: { place: string }) {
  const units = useRequest(fetchOrgUnits);
  if (units.state.status !== 'success') return null;
  const unit = unitForPlace(units.state.data, place);
  return unit ? <UnitContact unit={unit} /> : null;
}
