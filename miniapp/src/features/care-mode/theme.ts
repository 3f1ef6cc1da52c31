import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { useSession } from '../../hooks/use-session';
import { type ThemeMode, themeVariables } from '../../theme/tokens';
import { pageModeFor, useCareMode } from './store';
import { readWechatFontScale } from './wechat-font';

const cache = new Map<string, Record<string, string>>();

/** The CSS variables of a mode at a font scale (the same object each time: pages re-render cheaply). */
export function themeFor(mode: ThemeMode, fontScale: number): Record<string, string> {
  const key = `${mode}:${fontScale}`;
  let vars = cache.get(key);
  if (!vars) {
    vars = themeVariables(mode, fontScale);
    cache.set(key, vars);
  }
  return vars;
}

/**
 * The one mechanism behind care mode (PageRoot uses it on every page): the page's theme mode — care mode when
 * it is on, except for staff — and its variables, at WeChat's font size on the mini-program.
 */
export function usePageTheme(asked: ThemeMode | undefined): { mode: ThemeMode; style: Record<string, string> } {
  const mode = usePageMode(asked);
  const [fontScale, setFontScale] = useState(readWechatFontScale);
  useDidShow(() => {
    // Back from WeChat's settings with another font size.
    setFontScale(readWechatFontScale());
  });
  return { mode, style: themeFor(mode, fontScale) };
}

/** The page's theme mode alone, for parts that lay themselves out differently in care mode (see usePageTheme). */
export function usePageMode(asked?: ThemeMode): ThemeMode {
  const careModeOn = useCareMode();
  const current = useSession();
  return pageModeFor(asked, careModeOn, current?.user.type);
}
