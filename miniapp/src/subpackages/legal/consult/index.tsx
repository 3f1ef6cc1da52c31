import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LegalBooking, LegalSlot } from '@veterans/shared';
import { useCallback, useEffect, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchMyBookings, fetchSlots } from '../../../features/legal/api';
import { ownUpcomingBooking } from '../../../features/legal/bookings';
import { LEGAL_SERVICE } from '../../../features/legal/content';
import { legalPages, pageUrl } from '../../../features/legal/pages';
import { SlotCalendar } from '../../../features/legal/SlotCalendar';
import { groupSlotsByDay } from '../../../features/legal/slots';
import { slotTimeLabel } from '../../../features/legal/time';
import { useSession } from '../../../hooks/use-session';
import '../../../features/legal/legal.css';
import { PlaceContact } from '../../../features/about/UnitContact';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 法律咨询: what the service is, then the open days and their slots (public: no sign-in needed to look). */
export default function ConsultPage() {
  const load = useCallback(() => fetchSlots().then(groupSlotsByDay), []);
  // Loads again when shown again (places change); the chosen day stays chosen.
  const { state, reload } = usePageRequest(load);
  const [day, setDay] = useState<string>();
  const upcoming = useUpcomingBooking();
  const choose = (slot: LegalSlot) =>
    void Taro.navigateTo({
      url: pageUrl(legalPages.book, { slotId: slot.id, date: slot.date }),
    });

  return (
    <PageRoot className="legal-consult-page">
      <View className="legal-intro">
        <View className="legal-intro__title">免费法律咨询</View>
        <View className="legal-intro__text">{LEGAL_SERVICE.intro}</View>
      </View>
      <View className="legal-consult-links">
        <AppButton size="large" onClick={open(legalPages.mine)}>
          我的预约
        </AppButton>
        <AppButton size="large" onClick={open(legalPages.records)}>
          咨询记录
        </AppButton>
      </View>

      {upcoming && (
        <View className="card legal-upcoming" role="status">
          <View className="body-text">{`您已有一个未完成的预约：${slotTimeLabel(upcoming.slot)}，地点：${upcoming.slot.place}。每人同时只能有一个预约，如需改约请先取消。`}</View>
          <AppButton type="primary" size="large" block onClick={open(legalPages.mine)}>
            查看我的预约
          </AppButton>
        </View>
      )}
      <View className="section-title">选择日期和时段</View>
      <LoadState state={state} onRetry={reload}>
        {(days) => <SlotCalendar days={days} selected={day} onSelect={setDay} onChoose={choose} />}
      </LoadState>

      <View className="section-title">预约须知</View>
      <View className="card legal-facts legal-facts--notes">
        <Fact label="时间" value={LEGAL_SERVICE.when} />
        <Fact label="地点" value={LEGAL_SERVICE.place} />
        <Fact label="费用" value="免费" />
        <Fact label="需携带" value={LEGAL_SERVICE.bring} />
        <Fact label="说明" value={LEGAL_SERVICE.rules} />
        <PlaceContact place={LEGAL_SERVICE.place} />
      </View>
    </PageRoot>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="legal-fact">
      <View className="legal-fact__label">{label}</View>
      <View className="legal-fact__value">{value}</View>
    </View>
  );
}

/** A signed-in citizen's own booking still ahead (one at a time per person), to say so before they pick a slot. */
function useUpcomingBooking(): LegalBooking | null {
  const current = useSession();
  const citizen = current?.user.role === 'veteran' || current?.user.role === 'family';
  const [booking, setBooking] = useState<LegalBooking | null>(null);
  useEffect(() => {
    if (!citizen) {
      setBooking(null);
      return;
    }
    let live = true;
    fetchMyBookings().then(
      (mine) => {
        if (live) setBooking(ownUpcomingBooking(mine.bookings, new Date()));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [citizen]);
  return booking;
}
