import { describe, expect, it } from 'vitest';
import {
  CARE_MODE_MIN_FONT_SIZE,
  CARE_MODE_TEXT_SCALE,
  carePalette,
  fontSizes,
  palette,
  themeVariables,
} from './tokens';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('design tokens', () => {
  it.each([
    ['text', 'background'],
    ['text', 'surface'],
    ['textSecondary', 'background'],
    ['textSecondary', 'surface'],
    ['onPrimary', 'primary'],
    ['primary', 'surface'],
    ['primary', 'background'],
    ['primary', 'primarySoft'],
    ['danger', 'surface'],
    ['success', 'successSoft'],
    ['success', 'surface'],
    ['warning', 'warningSoft'],
    ['warning', 'surface'],
  ] as const)('%s on %s has a contrast of at least 4.5:1', (foreground, background) => {
    expect(contrast(palette[foreground], palette[background])).toBeGreaterThanOrEqual(4.5);
  });

  it('care mode enlarges every text size by at least 1.25×', () => {
    const standard = fontSizes('standard');
    const care = fontSizes('care');
    for (const name of Object.keys(standard) as (keyof typeof standard)[]) {
      expect(care[name]).toBeGreaterThanOrEqual(standard[name] * CARE_MODE_TEXT_SCALE);
    }
    expect(CARE_MODE_TEXT_SCALE).toBeGreaterThanOrEqual(1.25);
  });

  it('exposes tokens as CSS variables and maps NutUI onto them', () => {
    const vars = themeVariables('care');
    expect(vars['--app-color-primary']).toBe(palette.primary);
    expect(vars['--app-font-size-body']).toBe(`${fontSizes('care').body}px`);
    expect(vars['--nutui-font-size-base']).toBe(vars['--app-font-size-body']);
    expect(vars['--nutui-color-primary']).toBe(palette.primary);
    expect(Object.keys(vars).every((name) => name.startsWith('--'))).toBe(true);
  });

  it.each([
    ['text', 'background'],
    ['text', 'surface'],
    ['textSecondary', 'background'],
    ['textSecondary', 'surface'],
    ['onPrimary', 'primary'],
    ['primary', 'surface'],
    ['primary', 'background'],
  ] as const)('care mode: %s on %s has a contrast of at least 7:1 or 4.5:1', (foreground, background) => {
    const ratio = contrast(carePalette[foreground], carePalette[background]);
    expect(ratio).toBeGreaterThanOrEqual(foreground === 'primary' || background === 'primary' ? 4.5 : 7);
  });

  it('care mode: field borders stand out (3:1), every text is at least 18px, targets 60px', () => {
    expect(contrast(carePalette.border, carePalette.surface)).toBeGreaterThanOrEqual(3);
    for (const size of Object.values(fontSizes('care'))) expect(size).toBeGreaterThanOrEqual(CARE_MODE_MIN_FONT_SIZE);
    expect(CARE_MODE_MIN_FONT_SIZE).toBeGreaterThanOrEqual(18);
    expect(themeVariables('care')['--app-touch-target']).toBe('60px');
    expect(themeVariables('care')['--app-color-text-secondary']).toBe(carePalette.textSecondary);
  });
});
