import { describe, expect, it, vi } from 'vitest';
import { FIX_TOAST, fixToast } from './fix-toast';

const taro = await vi.hoisted(async () => (await import('../../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

describe('fixToast', () => {
  it('is taken away when the step is fixed and the form moves on, and only then', () => {
    fixToast.clear();
    expect(taro.hideToast).not.toHaveBeenCalled();
    fixToast.show();
    expect(taro.showToast).toHaveBeenCalledWith({ title: FIX_TOAST, icon: 'none' });
    fixToast.clear();
    expect(taro.hideToast).toHaveBeenCalledTimes(1);
    fixToast.clear();
    expect(taro.hideToast).toHaveBeenCalledTimes(1);
  });
});
