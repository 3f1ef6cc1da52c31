import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CardEligibility, cardEligibilitySchema } from '@veterans/shared';
import { useCallback } from 'react';
import { request } from '../../api/client';
import { usePageRequest } from '../../api/use-page-request';
import { AppButton } from '../../components/AppButton';
import { useSession } from '../../hooks/use-session';
import { openPage } from '../../navigation/navigate';
import { routes } from '../../navigation/routes';
import { requestHomeFiling } from '../requests/navigation';
import './card-self-check.css';

function fetchCardEligibility(): Promise<CardEligibility> {
  return request('GET', '/me/card-eligibility', { schema: cardEligibilitySchema });
}

const TONE: Record<CardEligibility['verdict'], 'ok' | 'warning' | 'info'> = {
  can_apply: 'ok',
  register_first: 'warning',
  identity_needed: 'info',
  not_veteran: 'info',
};

/**
 * 优待证资格自查, on the 优待证 guide before 我要办理: can I apply online, or where do I register first — by
 * going to the station (phoned first) or, for those who cannot come, by 入户办理.
 */
export function CardSelfCheck() {
  const current = useSession();
  const citizen = current?.user.type === 'citizen';
  const { state } = usePageRequest(
    useCallback(() => (citizen ? fetchCardEligibility() : Promise.resolve(null)), [citizen]),
  );
  if (state.status !== 'success' || !state.data) return null;
  const answer = state.data;
  const { station } = answer;
  return (
    <View className={`card-self-check card-self-check--${TONE[answer.verdict]}`} role="status">
      <View className="card-self-check__label">资格自查</View>
      <View className="card-self-check__title">{answer.title}</View>
      <View className="card-self-check__message">{answer.message}</View>
      {answer.verdict === 'register_first' && station && (
        <View className="card-self-check__station">
          <View className="card-self-check__station-name">{station.name}</View>
          {station.address && <View>{`地址：${station.address}`}</View>}
          {station.openingHours && <View>{`办公时间：${station.openingHours}`}</View>}
          {station.phone && (
            <AppButton
              size="large"
              block
              label={`致电服务站预约到站 ${station.phone}（${station.name}，预约到站建档）`}
              onClick={() => void Taro.makePhoneCall({ phoneNumber: station.phone as string }).catch(() => undefined)}
            >
              {`致电服务站预约到站 ${station.phone}`}
            </AppButton>
          )}
        </View>
      )}
      {answer.verdict === 'register_first' && (
        <>
          {!station?.phone && (
            <AppButton size="large" block onClick={() => openPage(routes.contact)}>
              查看服务站联系方式，预约到站
            </AppButton>
          )}
          <View className="card-self-check__message">年满 80 周岁、重病或卧床不便到站的，可以请服务站上门办理。</View>
          <AppButton size="large" block onClick={() => requestHomeFiling('preferential-card')}>
            申请入户办理
          </AppButton>
        </>
      )}
      {answer.verdict === 'identity_needed' && (
        <AppButton size="large" block onClick={() => openPage(routes.identity)}>
          去实名认证
        </AppButton>
      )}
    </View>
  );
}
