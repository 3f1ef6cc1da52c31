import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { LegalBooking, LegalWaitlistEntry } from '@veterans/shared';
import { useCallback } from 'react';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { NoBreakText } from '../../../components/NoBreakText';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { fetchMyBookings } from '../../../features/legal/api';
import { personText } from '../../../features/legal/bookings';
import { addToCalendar } from '../../../features/legal/calendar';
import { LEGAL_SERVICE } from '../../../features/legal/content';
import { legalPages } from '../../../features/legal/pages';
import { instantLabel, slotTimeLabel } from '../../../features/legal/time';
import { routes } from '../../../navigation/routes';
import '../../../features/legal/legal.css';
import { PlaceContact } from '../../../features/about/UnitContact';

/** After booking (`?id=`) or joining a waitlist (`?waitlist=`): when, where, what to bring, add to calendar. */
export default function ConfirmationPage() {
  const { params } = useRouter();
  const bookingId = Number(params.id);
  const waitlistId = Number(params.waitlist);
  return (
    <PageRoot className="legal-confirmation-page">
      <RequireCitizen>{() => <Confirmation bookingId={bookingId} waitlistId={waitlistId} />}</RequireCitizen>
    </PageRoot>
  );
}

function Confirmation({ bookingId, waitlistId }: { bookingId: number; waitlistId: number }) {
  const load = useCallback(async () => {
    const mine = await fetchMyBookings();
    return {
      booking: mine.bookings.find((booking) => booking.id === bookingId),
      entry: mine.waitlist.find((entry) => entry.id === waitlistId),
    };
  }, [bookingId, waitlistId]);
  const { state, reload } = useRequest(load);
  return (
    <LoadState state={state} onRetry={reload}>
      {({ booking, entry }) => {
        if (booking) return <Booked booking={booking} />;
        if (entry) return <Waitlisted entry={entry} />;
        return (
          <View className="card">
            <View className="card__title">没有找到这条预约</View>
            <AppButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: legalPages.mine })}>
              查看我的预约
            </AppButton>
          </View>
        );
      }}
    </LoadState>
  );
}

function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="legal-fact">
      <View className="legal-fact__label">{label}</View>
      <View className={`legal-fact__value ${className ?? ''}`}>
        <NoBreakText text={value} />
      </View>
    </View>
  );
}

function Booked({ booking }: { booking: LegalBooking }) {
  return (
    <>
      <View className="legal-notice legal-notice--success" role="status">
        预约成功。预约前一天会提醒您。
      </View>
      <View className="card legal-confirmation">
        <View className="card__title">法律咨询预约</View>
        <Fact label="时间" value={`${slotTimeLabel(booking.slot)}（北京时间）`} className="legal-confirmation__time" />
        <Fact label="地点" value={booking.slot.place} className="legal-confirmation__place" />
        <Fact label="咨询人" value={personText(booking)} />
        <Fact label="咨询类别" value={booking.topicLabel} />
        <Fact
          label="取消"
          value={
            booking.cancellable ? `${instantLabel(booking.cancelClosesAt)}前可在“我的预约”中取消` : '已过取消截止时间'
          }
        />
        <View className="legal-bring">{LEGAL_SERVICE.bringReminder}</View>
        <PlaceContact place={booking.slot.place} />
      </View>
      <View className="legal-actions">
        <AppButton
          className="add-to-calendar"
          type="primary"
          size="large"
          block
          label="添加到日历"
          onClick={() => addToCalendar(booking)}
        >
          添加到日历
        </AppButton>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: legalPages.mine })}>
          查看我的预约
        </AppButton>
        <AppButton size="large" block onClick={() => void Taro.switchTab({ url: routes.home })}>
          返回首页
        </AppButton>
      </View>
    </>
  );
}

function Waitlisted({ entry }: { entry: LegalWaitlistEntry }) {
  return (
    <>
      <View className="legal-notice" role="status">
        {entry.status === 'waiting' && entry.position
          ? `已加入候补，您排在第 ${entry.position} 位。`
          : `候补状态：${entry.statusLabel}`}
      </View>
      <View className="card legal-confirmation">
        <View className="card__title">法律咨询候补</View>
        <Fact label="时间" value={`${slotTimeLabel(entry.slot)}（北京时间）`} />
        <Fact label="地点" value={entry.slot.place} />
        <Fact label="咨询类别" value={entry.topicLabel} />
        <View className="body-text legal-card__text">
          如有人取消，将按候补顺序自动为您预约，并通过消息通知您；预约截止后候补随之结束。您也可以先预约其他有名额的时段。
        </View>
      </View>
      <View className="legal-actions">
        <AppButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: legalPages.mine })}>
          查看我的预约
        </AppButton>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: legalPages.consult })}>
          选择其他时段
        </AppButton>
      </View>
    </>
  );
}
