import { View } from '@tarojs/components';
import type { LegalSlotRef } from '@veterans/shared';
import { NoBreakText } from '../../components/NoBreakText';
import { slotTimeLabel } from './time';
import './legal.css';

/** 时间 and 地点 of a consultation slot, as the booking forms show them before the person confirms. */
export function SlotFacts({ slot }: { slot: Pick<LegalSlotRef, 'date' | 'time' | 'endTime' | 'place'> }) {
  return (
    <>
      <View className="legal-fact">
        <View className="legal-fact__label">时间</View>
        <View className="legal-fact__value">
          <NoBreakText text={`${slotTimeLabel(slot)}（北京时间）`} />
        </View>
      </View>
      <View className="legal-fact">
        <View className="legal-fact__label">地点</View>
        <View className="legal-fact__value">{slot.place}</View>
      </View>
    </>
  );
}
