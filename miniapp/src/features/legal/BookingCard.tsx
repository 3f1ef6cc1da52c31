import { View } from '@tarojs/components';
import type { LegalBooking, LegalWaitlistEntry } from '@veterans/shared';
import { AppButton } from '../../components/AppButton';
import { NoBreakText } from '../../components/NoBreakText';
import { StatusBadge } from '../../components/StatusBadge';
import { bookingBadge, cancelState, personText, waitlistBadge } from './bookings';
import { slotTimeLabel } from './time';
import './legal.css';

interface BookingCardProps {
  booking: LegalBooking;
  onCancel?: (booking: LegalBooking) => void;
  onCalendar?: (booking: LegalBooking) => void;
  onRecord?: () => void;
}

/** One booking in 我的预约: when, where, who, topic, status; 取消预约 until the cutoff. */
export function BookingCard({ booking, onCancel, onCalendar, onRecord }: BookingCardProps) {
  const cancel = cancelState(booking);
  const when = slotTimeLabel(booking.slot);
  return (
    <View className={`legal-card legal-booking legal-booking--${booking.status}`}>
      <View className="legal-card__head">
        <View className="legal-card__title legal-booking__time">
          <NoBreakText text={when} />
        </View>
        <StatusBadge badge={bookingBadge(booking)} />
      </View>
      <View className="legal-card__line">{`地点：${booking.slot.place}`}</View>
      <View className="legal-card__line">{`咨询人：${personText(booking)}`}</View>
      <View className="legal-card__line">
        {`咨询类别：${booking.topicLabel}`}
        {booking.walkIn && <View className="legal-tag">现场登记</View>}
      </View>
      {booking.staffNote && !booking.walkIn && <View className="legal-card__line">{booking.staffNote}</View>}
      {booking.slot.closedReason && booking.status === 'booked' && (
        <View className="legal-card__hint">{`该时段已停诊（${booking.slot.closedReason}），服务中心会与您联系。`}</View>
      )}
      {cancel.hint && <View className="legal-card__hint legal-booking__cancel-hint">{cancel.hint}</View>}
      {(cancel.canCancel || onCalendar || (booking.hasRecord && onRecord)) && (
        <View className="legal-card__actions">
          {booking.status === 'booked' && onCalendar && (
            <AppButton size="large" label={`添加到日历：${when}`} onClick={() => onCalendar(booking)}>
              添加到日历
            </AppButton>
          )}
          {cancel.canCancel && onCancel && (
            <AppButton
              className="legal-booking__cancel"
              size="large"
              label={`取消预约：${when}`}
              onClick={() => onCancel(booking)}
            >
              取消预约
            </AppButton>
          )}
          {booking.hasRecord && onRecord && (
            <AppButton size="large" label={`查看咨询记录：${when}`} onClick={onRecord}>
              查看咨询记录
            </AppButton>
          )}
        </View>
      )}
    </View>
  );
}

interface WaitlistCardProps {
  entry: LegalWaitlistEntry;
  onLeave?: (entry: LegalWaitlistEntry) => void;
}

/** One waitlist entry: the slot, its place in the queue or how it ended; 退出候补 while waiting. */
export function WaitlistCard({ entry, onLeave }: WaitlistCardProps) {
  const when = slotTimeLabel(entry.slot);
  return (
    <View className={`legal-card legal-waitlist legal-waitlist--${entry.status}`}>
      <View className="legal-card__head">
        <View className="legal-card__title">{when}</View>
        <StatusBadge badge={waitlistBadge(entry)} />
      </View>
      <View className="legal-card__line">{`地点：${entry.slot.place}`}</View>
      <View className="legal-card__line">{`咨询人：${entry.subjectName}${entry.forSelf ? '（本人）' : ''}`}</View>
      <View className="legal-card__line">{`咨询类别：${entry.topicLabel}`}</View>
      {entry.status === 'waiting' && (
        <View className="legal-card__hint">有人取消时，将按顺序自动为您预约并通知您。</View>
      )}
      {entry.status === 'waiting' && onLeave && (
        <View className="legal-card__actions">
          <AppButton size="large" label={`退出候补：${when}`} onClick={() => onLeave(entry)}>
            退出候补
          </AppButton>
        </View>
      )}
    </View>
  );
}
