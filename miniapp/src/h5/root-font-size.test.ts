import { describe, expect, it } from 'vitest';
import { rootFontSize } from './root-font-size';

describe('rootFontSize', () => {
  it('follows the narrower side of the window, between 20 and 40 px', () => {
    expect(rootFontSize(375, 812)).toBe(20);
    expect(rootFontSize(390, 844)).toBeCloseTo(20.8);
    expect(rootFontSize(1280, 800)).toBe(40);
    expect(rootFontSize(320, 568)).toBe(20);
    expect(rootFontSize(0, 0)).toBe(20);
  });
});
