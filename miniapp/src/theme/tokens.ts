/**
 * Design tokens: the one place for colours, type scale, spacing and radii.
 * Pages read them as CSS custom properties (`var(--app-…)`) that PageRoot sets on every page root, so care mode
 * (关怀模式) only has to pick the other variant. Sizes are CSS px at a 375 px wide layout.
 */

/** Government-service red on light neutrals; every text/background pair used is at least 4.5:1. */
export const palette = {
  primary: '#B3261E',
  onPrimary: '#FFFFFF',
  text: '#1F1F1F',
  textSecondary: '#5C5C5C',
  background: '#F4F1EE',
  surface: '#FFFFFF',
  border: '#DDD6CF',
  /** Soft red behind primary-coloured text (e.g. the promised-time badge). */
  primarySoft: '#FBEAE8',
  /** Errors and actions that cannot be undone (the government red is already a strong red). */
  danger: '#B3261E',
  /** Status badges: 已认证 / 已关联 … */
  success: '#1B6B2F',
  successSoft: '#E6F2E8',
  /** Status badges: 待核验 / 待确认 … */
  warning: '#8A4B00',
  warningSoft: '#FFF1DC',
} as const;

export type ThemeMode = 'standard' | 'care';

const fontSize = { caption: 13, body: 16, title: 18, heading: 22, display: 26 } as const;
const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
const radius = { sm: 4, md: 8, lg: 12 } as const;

/** Care mode enlarges text by at least this factor and gives controls a bigger minimum touch target. */
export const CARE_MODE_TEXT_SCALE = 1.25;
const touchTarget: Record<ThemeMode, number> = { standard: 44, care: 56 };

export type FontSizeToken = keyof typeof fontSize;

export function fontSizes(mode: ThemeMode): Record<FontSizeToken, number> {
  const scale = mode === 'care' ? CARE_MODE_TEXT_SCALE : 1;
  const sizes = { ...fontSize } as Record<FontSizeToken, number>;
  for (const name of Object.keys(sizes) as FontSizeToken[]) sizes[name] = Math.ceil(fontSize[name] * scale);
  return sizes;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function px(value: number): string {
  return `${value}px`;
}

/** CSS custom properties for a page root: ours (`--app-*`) and the NutUI variables mapped onto them. */
export function themeVariables(mode: ThemeMode): Record<string, string> {
  const fonts = fontSizes(mode);
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(palette)) vars[`--app-color-${kebab(name)}`] = value;
  for (const [name, value] of Object.entries(fonts)) vars[`--app-font-size-${name}`] = px(value);
  for (const [name, value] of Object.entries(spacing)) vars[`--app-space-${name}`] = px(value);
  for (const [name, value] of Object.entries(radius)) vars[`--app-radius-${name}`] = px(value);
  vars['--app-font-family'] =
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  vars['--app-line-height'] = '1.5';
  vars['--app-border-width'] = '1px';
  vars['--app-touch-target'] = px(touchTarget[mode]);

  // NutUI components follow the same tokens (and therefore care mode).
  Object.assign(vars, {
    '--nutui-color-primary': palette.primary,
    '--nutui-color-primary-stop-1': palette.primary,
    '--nutui-color-primary-stop-2': palette.primary,
    '--nutui-color-title': palette.text,
    '--nutui-color-text': palette.textSecondary,
    '--nutui-font-size-s': px(fonts.caption),
    '--nutui-font-size-base': px(fonts.body),
    '--nutui-font-size-l': px(fonts.title),
    '--nutui-font-size-xl': px(fonts.heading),
    '--nutui-cell-line-height': '1.5',
    '--nutui-button-large-height': px(touchTarget[mode]),
    '--nutui-tag-font-size': px(fonts.caption),
    '--nutui-tag-height': 'auto',
    '--nutui-tag-padding': `${px(spacing.xs / 2)} ${px(spacing.sm)}`,
    '--nutui-tag-border-radius': px(radius.sm),
  });
  return vars;
}
