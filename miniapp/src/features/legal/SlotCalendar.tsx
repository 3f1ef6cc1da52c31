import { View } from '@tarojs/components';
import type { LegalSlot } from '@veterans/shared';
import { useState } from 'react';
import {
  dayStatusText,
  firstSelectableDay,
  remainingText,
  type SlotDay,
  slotAvailability,
  slotSelectable,
} from './slots';
import { dayLabel, isoWeekday, shortDate, weekdayName } from './time';
import './legal.css';

const h5 = () => process.env.TARO_ENV === 'h5';

interface SlotCalendarProps {
  days: readonly SlotDay[];
  onChoose: (slot: LegalSlot) => void;
  /** The chosen day, when the page keeps it (so that it survives a reload); otherwise kept here. */
  selected?: string;
  onSelect?: (date: string) => void;
}

/**
 * The open days as a row of date chips (a small calendar; closed days marked 停诊), then the chosen day's slots
 * with the places left. A slot that can be booked, or whose waitlist can be joined, is a button.
 */
export function SlotCalendar({ days, onChoose, selected, onSelect }: SlotCalendarProps) {
  const [own, setOwn] = useState<string | undefined>(undefined);
  const chosen = selected ?? own;
  const setChosen = (date: string) => {
    setOwn(date);
    onSelect?.(date);
  };
  const day =
    days.find((candidate) => candidate.date === chosen) ??
    days.find((candidate) => candidate.date === firstSelectableDay(days));
  if (!day) {
    return <View className="legal-empty">近期没有开放预约的日期，请留意服务中心通知。</View>;
  }
  return (
    <>
      <View className="legal-days" {...(h5() ? { role: 'radiogroup', 'aria-label': '选择日期' } : {})}>
        {days.map((candidate) => {
          const selected = candidate.date === day.date;
          const status = dayStatusText(candidate);
          const tone = candidate.closedReason
            ? 'closed'
            : status === '已停止预约' || status === '约满'
              ? 'stopped'
              : 'open';
          return (
            <View
              key={candidate.date}
              className={`legal-day legal-day--${tone} ${selected ? 'legal-day--selected' : ''}`}
              onClick={() => setChosen(candidate.date)}
              {...(h5()
                ? {
                    role: 'radio',
                    'aria-checked': selected ? 'true' : 'false',
                    'aria-label': `${dayLabel(candidate.date)}，${candidate.closedReason ? `停诊：${candidate.closedReason}` : status}`,
                    tabIndex: 0,
                  }
                : {})}
            >
              <View className="legal-day__date">{shortDate(candidate.date)}</View>
              <View className="legal-day__weekday">{weekdayName(isoWeekday(candidate.date))}</View>
              <View className="legal-day__status">{status}</View>
            </View>
          );
        })}
      </View>

      <View className="legal-section-title">{`${dayLabel(day.date)} 可选时段`}</View>
      {day.closedReason && (
        <View className="legal-closed" role="note">
          {`本日停诊：${day.closedReason}`}
        </View>
      )}
      {!day.closedReason && (
        <View className="legal-slots">
          {day.slots.map((slot) => {
            const availability = slotAvailability(slot);
            const selectable = slotSelectable(slot);
            const remaining = remainingText(slot);
            return (
              <View
                key={slot.id}
                className={`legal-slot legal-slot--${availability}`}
                onClick={() => {
                  if (selectable) onChoose(slot);
                }}
                {...(h5()
                  ? {
                      role: 'button',
                      'aria-label': `${slot.time}-${slot.endTime}，${remaining}${availability === 'waitlist' ? '，加入候补' : ''}`,
                      'aria-disabled': selectable ? undefined : 'true',
                      tabIndex: selectable ? 0 : -1,
                    }
                  : {})}
              >
                <View className="legal-slot__time">{`${slot.time}-${slot.endTime}`}</View>
                <View className="legal-slot__remaining">{remaining}</View>
              </View>
            );
          })}
        </View>
      )}
    </>
  );
}
