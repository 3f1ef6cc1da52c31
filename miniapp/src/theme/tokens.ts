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

/**
 * Care mode 关怀模式: secondary text and borders darker than above (secondary text about 10:1 instead of 6:1,
 * field borders at least 3:1 against white), everything else the same.
 */
export const carePalette = { ...palette, textSecondary: '#3D3D3D', border: '#857A70' } as const;

export function paletteOf(mode: ThemeMode): Record<keyof typeof palette, string> {
  return mode === 'care' ? carePalette : palette;
}

const fontSize = { caption: 13, body: 16, title: 18, heading: 22, display: 26 } as const;
const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
const radius = { sm: 4, md: 8, lg: 12 } as const;

/** Care mode enlarges text by at least this factor and gives controls a bigger minimum touch target. */
export const CARE_MODE_TEXT_SCALE = 1.25;
/** Care mode: no text smaller than this (the caption too), in CSS px. */
export const CARE_MODE_MIN_FONT_SIZE = 18;
const touchTarget: Record<ThemeMode, number> = { standard: 44, care: 60 };

export type FontSizeToken = keyof typeof fontSize;

/**
 * Text sizes of a mode. `userScale` (≥ 1) is the reader's own enlargement on top: WeChat's font-size setting on
 * the mini-program (see features/care-mode/wechat-font.ts); values below 1 are ignored, text never shrinks.
 */
export function fontSizes(mode: ThemeMode, userScale = 1): Record<FontSizeToken, number> {
  const scale =
    (mode === 'care' ? CARE_MODE_TEXT_SCALE : 1) * (Number.isFinite(userScale) ? Math.max(1, userScale) : 1);
  const minimum = mode === 'care' ? CARE_MODE_MIN_FONT_SIZE : 0;
  const sizes = { ...fontSize } as Record<FontSizeToken, number>;
  for (const name of Object.keys(sizes) as FontSizeToken[]) {
    sizes[name] = Math.max(minimum, Math.ceil(fontSize[name] * scale));
  }
  return sizes;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function px(value: number): string {
  return `${value}px`;
}

/** CSS custom properties for a page root: ours (`--app-*`) and the NutUI variables mapped onto them. */
export function themeVariables(mode: ThemeMode, userScale = 1): Record<string, string> {
  const fonts = fontSizes(mode, userScale);
  const colors = paletteOf(mode);
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(colors)) vars[`--app-color-${kebab(name)}`] = value;
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
    '--nutui-color-text': colors.textSecondary,
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
  if (mode === 'care') {
    // Every NutUI size at least the care-mode caption, every button a full touch target.
    Object.assign(vars, {
      '--nutui-font-size-xs': px(fonts.caption),
      '--nutui-font-size-xxs': px(fonts.caption),
      '--nutui-button-default-height': px(touchTarget.care),
      '--nutui-button-small-height': px(touchTarget.care),
      '--nutui-button-default-font-size': px(fonts.body),
      '--nutui-button-small-font-size': px(fonts.body),
      '--nutui-button-large-font-size': px(fonts.title),
      '--nutui-cell-group-title-line-height': '1.5',
      '--nutui-cell-group-description-line-height': '1.5',
    });
  }
  return vars;
}
