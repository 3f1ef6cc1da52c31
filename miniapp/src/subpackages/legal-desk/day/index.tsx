import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { can, type LegalDayBooking, type LegalDaySlot } from '@veterans/shared';
import { useCallback, useEffect, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge } from '../../../components/StatusBadge';
import {
  checkIn,
  fetchDay,
  fetchSessions,
  type LegalSession,
  type LegalSessions,
  markNoShow,
} from '../../../features/legal/api';
import { bookingBadge } from '../../../features/legal/bookings';
import { DateTimeField } from '../../../features/legal/controls';
import { DeskLinks } from '../../../features/legal/DeskLinks';
import { bookingActions } from '../../../features/legal/desk';
import { legalDeskPages, pageUrl } from '../../../features/legal/pages';
import { addDays, beijingToday, dayLabel, instantLabel } from '../../../features/legal/time';
import { ApplicantPhone } from '../../../features/staff/ApplicantPhone';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import '../../../features/legal/legal.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 当日预约 (`?date=`; without it, today when it has slots, else the next consultation day): each slot with its
 * bookings; check-in, no-show, walk-in, the lawyer's record (also for recent days, within the record window); the
 * upcoming and recent consultation days to jump to.
 */
export default function DayPage() {
  const { params } = useRouter();
  const date = typeof params.date === 'string' && DATE.test(params.date) ? params.date : undefined;
  return (
    <PageRoot className="legal-day-page">
      <RequireStaff ability="legal.day">{(staff) => <DayOpener staff={staff} askedDate={date} />}</RequireStaff>
    </PageRoot>
  );
}

/** Asks the server for the consultation days first, so the page opens on the right one. */
function DayOpener({ staff, askedDate }: { staff: StaffPrincipal; askedDate: string | undefined }) {
  const [sessions, setSessions] = useState<LegalSessions | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetchSessions()
      .then((result) => live && setSessions(result))
      .catch(() => live && setSessions(null));
    return () => {
      live = false;
    };
  }, []);
  if (sessions === undefined) return <View className="legal-empty">正在加载…</View>;
  const initialDate = askedDate ?? sessions?.next ?? beijingToday();
  return <Day staff={staff} initialDate={initialDate} sessions={sessions} />;
}

function SessionList({
  title,
  sessions,
  current,
  today,
  onGo,
}: {
  title: string;
  sessions: LegalSession[];
  current: string;
  today: string;
  onGo: (date: string) => void;
}) {
  return (
    <View className="legal-sessions">
      <View className="legal-section-title">{title}</View>
      {sessions.length === 0 && <View className="legal-empty">暂无已发布的咨询日。</View>}
      <View className="legal-sessions__list">
        {sessions.map((session) => (
          <AppButton
            key={session.date}
            className={`legal-sessions__day${session.date === current ? ' legal-sessions__day--current' : ''}`}
            size="large"
            type={session.date === current ? 'primary' : 'default'}
            onClick={() => onGo(session.date)}
          >
            {`${dayLabel(session.date)}${session.date === today ? '（今天）' : ''} · ${session.slots} 个时段，已约 ${session.booked}/${session.capacity}`}
          </AppButton>
        ))}
      </View>
    </View>
  );
}

function Day({
  staff,
  initialDate,
  sessions,
}: {
  staff: StaffPrincipal;
  initialDate: string;
  sessions: LegalSessions | null;
}) {
  const [date, setDate] = useState(initialDate);
  const [typed, setTyped] = useState(initialDate);
  const load = useCallback(() => fetchDay(date), [date]);
  const { state, reload } = usePageRequest(load);
  const [noShow, setNoShow] = useState<LegalDayBooking | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = beijingToday();

  const go = (next: string) => {
    setTyped(next);
    setDate(next);
    setNotice(null);
  };

  const act = async (booking: LegalDayBooking, action: 'check-in' | 'no-show') => {
    setBusyId(booking.id);
    try {
      if (action === 'check-in') {
        await checkIn(booking.id);
        setNotice(`${booking.name} 已签到。`);
      } else {
        const result = await markNoShow(booking.id);
        setNotice(
          result.blockedUntil
            ? `${booking.name} 已标记未到场。因 90 天内 3 次未到场，${instantLabel(result.blockedUntil)}前不能预约，已通知本人。`
            : `${booking.name} 已标记未到场。`,
        );
      }
    } catch {
      // The client has shown the server's message (e.g. 只能在预约当天签到).
    } finally {
      setBusyId(null);
      setNoShow(null);
      reload();
    }
  };

  return (
    <>
      <View className="legal-datebar">
        <View className="legal-datebar__field">
          <DateTimeField
            id="legal-day-date"
            label="日期"
            mode="date"
            value={typed}
            onChange={(value) => {
              setTyped(value);
              if (DATE.test(value)) go(value);
            }}
          />
        </View>
        <AppButton className="legal-datebar__button" size="large" label="前一天" onClick={() => go(addDays(date, -1))}>
          ‹
        </AppButton>
        <AppButton className="legal-datebar__button" size="large" label="后一天" onClick={() => go(addDays(date, 1))}>
          ›
        </AppButton>
      </View>
      {date !== today && (
        <AppButton className="legal-today" size="large" block onClick={() => go(today)}>
          回到今天
        </AppButton>
      )}
      {sessions && sessions.next !== null && sessions.next !== sessions.today && date === sessions.next && (
        <View
          className="legal-notice"
          role="status"
        >{`今天没有法律咨询，已为您打开下一个咨询日：${dayLabel(sessions.next)}。`}</View>
      )}
      <View className="legal-section-title legal-day-title">{`${dayLabel(date)}${date === today ? '（今天）' : ''}`}</View>
      {notice && (
        <View className="legal-notice legal-notice--success" role="status">
          {notice}
        </View>
      )}
      <LoadState state={state} onRetry={reload}>
        {(day) => (
          <>
            {day.closedReason && <View className="legal-notice">{`本日停诊：${day.closedReason}`}</View>}
            {day.slots.length === 0 && <View className="legal-empty">当天没有法律咨询时段。</View>}
            {day.slots.map((slot) => (
              <SlotSection
                key={slot.id}
                slot={slot}
                staff={staff}
                isToday={date === today}
                busyId={busyId}
                onCheckIn={(booking) => void act(booking, 'check-in')}
                onNoShow={setNoShow}
              />
            ))}
          </>
        )}
      </LoadState>
      <SessionList
        title="近期咨询日"
        sessions={sessions?.upcoming.slice(0, 6) ?? []}
        current={date}
        today={today}
        onGo={go}
      />
      {sessions && sessions.recent.length > 0 && (
        <SessionList
          title={`最近的咨询日（${sessions.recordDays} 天内可补写咨询记录）`}
          sessions={sessions.recent}
          current={date}
          today={today}
          onGo={go}
        />
      )}
      <DeskLinks staff={staff} current={legalDeskPages.day} />
      <ConfirmDialog
        id="legal-no-show"
        visible={noShow !== null}
        title="标记未到场"
        confirmText="确认未到场"
        cancelText="返回"
        danger
        busy={busyId !== null}
        onConfirm={() => noShow && void act(noShow, 'no-show')}
        onCancel={() => setNoShow(null)}
      >
        {noShow &&
          `确定 ${noShow.name} 未到场吗？90 天内 3 次未到场将暂停预约 30 天。时段开始后才能标记；当天到场的仍可补签到。`}
      </ConfirmDialog>
    </>
  );
}

interface SlotSectionProps {
  slot: LegalDaySlot;
  staff: StaffPrincipal;
  isToday: boolean;
  busyId: number | null;
  onCheckIn: (booking: LegalDayBooking) => void;
  onNoShow: (booking: LegalDayBooking) => void;
}

function SlotSection({ slot, staff, isToday, busyId, onCheckIn, onNoShow }: SlotSectionProps) {
  const counts = `已约 ${slot.booked}/${slot.capacity}，余 ${slot.remaining}${slot.waiting > 0 ? `，候补 ${slot.waiting} 人` : ''}`;
  return (
    <View className="legal-day-slot">
      <View className="legal-slot-head">
        <View className="legal-slot-head__time">{`${slot.time}-${slot.endTime}`}</View>
        <View className="legal-slot-head__count">{counts}</View>
      </View>
      {slot.closedReason && <View className="legal-notice">{`停诊：${slot.closedReason}`}</View>}
      {slot.bookings.length === 0 && <View className="legal-empty">暂无预约</View>}
      {slot.bookings.map((booking) => (
        <DeskBookingCard
          key={booking.id}
          booking={booking}
          slot={slot}
          staff={staff}
          isToday={isToday}
          busy={busyId === booking.id}
          onCheckIn={onCheckIn}
          onNoShow={onNoShow}
        />
      ))}
      {can(staff, 'legal.desk') && isToday && slot.remaining > 0 && !slot.closedReason && (
        <AppButton
          className="legal-walk-in"
          size="large"
          block
          label={`现场登记：${slot.time}-${slot.endTime}`}
          onClick={() =>
            void Taro.navigateTo({ url: pageUrl(legalDeskPages.walkIn, { slotId: slot.id, date: slot.date }) })
          }
        >
          现场登记
        </AppButton>
      )}
    </View>
  );
}

interface DeskBookingCardProps {
  booking: LegalDayBooking;
  slot: LegalDaySlot;
  staff: StaffPrincipal;
  isToday: boolean;
  busy: boolean;
  onCheckIn: (booking: LegalDayBooking) => void;
  onNoShow: (booking: LegalDayBooking) => void;
}

function DeskBookingCard({ booking, slot, staff, isToday, busy, onCheckIn, onNoShow }: DeskBookingCardProps) {
  const actions = bookingActions(booking, staff, {
    today: isToday,
    started: Date.now() >= Date.parse(slot.startsAt),
  });
  const who = `${booking.name} ${slot.time}`;
  return (
    <View className={`legal-card legal-desk-booking legal-desk-booking--${booking.status}`}>
      <View className="legal-card__head">
        <View className="legal-card__title legal-desk-booking__name">
          {booking.name}
          {booking.bookedByFamily && <View className="legal-tag">家属代约</View>}
          {booking.walkIn && <View className="legal-tag">现场登记</View>}
        </View>
        <StatusBadge badge={bookingBadge(booking)} />
      </View>
      <View className="legal-card__line">{`咨询类别：${booking.topicLabel}`}</View>
      {booking.staffNote && <View className="legal-card__line">{booking.staffNote}</View>}
      <View className="legal-card__text">{booking.description}</View>
      <ApplicantPhone of={{ booking: booking.id }} label={booking.bookedByFamily ? '家属电话' : '联系电话'} />
      {booking.recordId !== null && <View className="legal-card__hint">律师已记录咨询结果</View>}
      {actions.length > 0 && (
        <View className="legal-card__actions">
          {actions.includes('check-in') && (
            <AppButton
              type="primary"
              size="large"
              loading={busy}
              label={`签到：${who}`}
              onClick={() => onCheckIn(booking)}
            >
              签到
            </AppButton>
          )}
          {actions.includes('no-show') && (
            <AppButton size="large" disabled={busy} label={`未到：${who}`} onClick={() => onNoShow(booking)}>
              未到
            </AppButton>
          )}
          {actions.includes('record') && (
            <AppButton
              type="primary"
              size="large"
              label={`填写咨询记录：${who}`}
              onClick={() =>
                void Taro.navigateTo({
                  url: pageUrl(legalDeskPages.record, { bookingId: booking.id, date: slot.date }),
                })
              }
            >
              填写咨询记录
            </AppButton>
          )}
        </View>
      )}
    </View>
  );
}
