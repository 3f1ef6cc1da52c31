import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { WechatPrivacyPrompt } from '../features/privacy/WechatPrivacyPrompt';
import { type ThemeMode, themeVariables } from '../theme/tokens';
import './page-root.css';

const themes: Record<ThemeMode, Record<string, string>> = {
  standard: themeVariables('standard'),
  care: themeVariables('care'),
};

interface PageRootProps {
  className: string;
  /** 关怀模式 (larger text and touch targets) sets `care`. */
  mode?: ThemeMode;
  children: ReactNode;
}

/**
 * The root of every page: carries the design tokens as CSS variables for everything inside it, and on the
 * mini-program the prompt WeChat's privacy check may need on any page.
 */
export function PageRoot({ className, mode = 'standard', children }: PageRootProps) {
  return (
    <View className={`page-root page-root--${mode} ${className}`} style={themes[mode]}>
      {children}
      {process.env.TARO_ENV === 'weapp' && <WechatPrivacyPrompt />}
    </View>
  );
}
