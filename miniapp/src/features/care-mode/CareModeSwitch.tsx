import { View } from '@tarojs/components';
import { useState } from 'react';
import { changeCareMode, useCareMode } from './store';
import './care-mode.css';

/**
 * The 关怀模式 switch of the 我的 page, for everyone (signed out too: then remembered on this device). A whole
 * row that reads as a switch to screen readers, at least one touch target high.
 */
export function CareModeSwitch() {
  const on = useCareMode();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await changeCareMode(!on);
    } finally {
      setBusy(false);
    }
  };
  const h5 = process.env.TARO_ENV === 'h5';
  const description = '字更大、按钮更大、首页更简洁';
  return (
    <View
      className={`care-switch ${on ? 'care-switch--on' : ''}`}
      onClick={toggle}
      {...(h5
        ? {
            role: 'switch',
            'aria-checked': on ? 'true' : 'false',
            'aria-label': '关怀模式',
            'aria-describedby': 'care-switch-description',
            tabIndex: 0,
            onKeyDown: (event: { key: string; preventDefault: () => void }) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                void toggle();
              }
            },
          }
        : { ariaRole: 'switch', ariaLabel: `关怀模式，${on ? '已开启' : '已关闭'}` })}
    >
      <View className="care-switch__text">
        <View className="care-switch__title">关怀模式</View>
        <View className="care-switch__description" id="care-switch-description">
          {description}
        </View>
      </View>
      <View className="care-switch__track" aria-hidden="true">
        <View className="care-switch__thumb" />
      </View>
      <View className="care-switch__state" aria-hidden="true">
        {on ? '已开启' : '已关闭'}
      </View>
    </View>
  );
}
