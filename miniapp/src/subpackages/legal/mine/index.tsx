import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LegalBooking, LegalWaitlistEntry, MyLegalBookings } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { cancelMyBooking, fetchMyBookings, leaveWaitlist } from '../../../features/legal/api';
import { BookingCard, WaitlistCard } from '../../../features/legal/BookingCard';
import { sortWaitlist, splitBookings } from '../../../features/legal/bookings';
import { addToCalendar } from '../../../features/legal/calendar';
import { legalPages } from '../../../features/legal/pages';
import { slotTimeLabel } from '../../../features/legal/time';
import '../../../features/legal/legal.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 我的预约: upcoming bookings (取消预约 until the cutoff), waitlist entries (退出候补), and past bookings. */
export default function MyBookingsPage() {
  return (
    <PageRoot className="legal-mine-page">
      <RequireCitizen>{() => <MyBookings />}</RequireCitizen>
    </PageRoot>
  );
}

type Pending = { kind: 'cancel'; booking: LegalBooking } | { kind: 'leave'; entry: LegalWaitlistEntry };

function MyBookings() {
  const { state, reload } = usePageRequest(fetchMyBookings);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      if (pending.kind === 'cancel') {
        await cancelMyBooking(pending.booking.id);
        setNotice({ text: '预约已取消，名额已释放。', tone: 'success' });
      } else {
        await leaveWaitlist(pending.entry.id);
        setNotice({ text: '已退出候补。', tone: 'success' });
      }
    } catch (failure) {
      // CANCEL_CLOSED: the cutoff passed while the page was open.
      setNotice({ text: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试', tone: 'warning' });
    } finally {
      setBusy(false);
      setPending(null);
      reload();
    }
  };

  return (
    <>
      {notice && (
        <View className={`legal-notice ${notice.tone === 'success' ? 'legal-notice--success' : ''}`} role="status">
          {notice.text}
        </View>
      )}
      <LoadState state={state} onRetry={reload}>
        {(data) => <Lists data={data} onPending={setPending} />}
      </LoadState>
      <ConfirmDialog
        id="legal-confirm"
        visible={pending !== null}
        title={pending?.kind === 'cancel' ? '取消预约' : '退出候补'}
        confirmText={pending?.kind === 'cancel' ? '确认取消' : '确认退出'}
        cancelText={pending?.kind === 'cancel' ? '暂不取消' : '暂不退出'}
        danger
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'cancel' &&
          `确定取消 ${slotTimeLabel(pending.booking.slot)} 的法律咨询预约吗？取消后名额会立即释放给其他人。`}
        {pending?.kind === 'leave' && `确定退出 ${slotTimeLabel(pending.entry.slot)} 的候补吗？`}
      </ConfirmDialog>
    </>
  );
}

function Lists({ data, onPending }: { data: MyLegalBookings; onPending: (pending: Pending) => void }) {
  const { upcoming, past } = splitBookings(data.bookings, new Date());
  const waitlist = sortWaitlist(data.waitlist);
  const waiting = waitlist.filter((entry) => entry.status === 'waiting');
  const finishedWaitlist = waitlist.filter((entry) => entry.status !== 'waiting');
  return (
    <>
      <View className="legal-section-title legal-upcoming-title">即将进行的预约</View>
      {upcoming.length === 0 ? (
        <View className="legal-empty">
          <View>暂无即将进行的预约。</View>
          <AppButton className="legal-book-new" type="primary" size="large" block onClick={open(legalPages.consult)}>
            预约法律咨询
          </AppButton>
        </View>
      ) : (
        <View className="legal-upcoming">
          {upcoming.map((booking) => (
            <BookingCard
              key={booking.id}
              booking={booking}
              onCancel={(chosen) => onPending({ kind: 'cancel', booking: chosen })}
              onCalendar={addToCalendar}
              onRecord={open(legalPages.records)}
            />
          ))}
        </View>
      )}

      {waiting.length > 0 && (
        <>
          <View className="legal-section-title">候补</View>
          <View className="legal-waiting">
            {waiting.map((entry) => (
              <WaitlistCard
                key={entry.id}
                entry={entry}
                onLeave={(chosen) => onPending({ kind: 'leave', entry: chosen })}
              />
            ))}
          </View>
        </>
      )}

      {(past.length > 0 || finishedWaitlist.length > 0) && (
        <>
          <View className="legal-section-title">历史记录</View>
          <View className="legal-past">
            {past.map((booking) => (
              <BookingCard key={booking.id} booking={booking} onRecord={open(legalPages.records)} />
            ))}
            {finishedWaitlist.map((entry) => (
              <WaitlistCard key={`w${entry.id}`} entry={entry} />
            ))}
          </View>
        </>
      )}

      <View className="legal-actions legal-mine-links">
        <AppButton size="large" block onClick={open(legalPages.records)}>
          查看咨询记录
        </AppButton>
      </View>
    </>
  );
}
