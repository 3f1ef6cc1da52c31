import { describe, expect, it } from 'vitest';
import { CARE_MODE_TEXT_SCALE, fontSizes, palette, themeVariables } from './tokens';

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
});
