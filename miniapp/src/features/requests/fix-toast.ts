import Taro from '@tarojs/taro';

export const FIX_TOAST = '请按提示修改后继续';

let shown = false;

/**
 * The form's 请按提示修改后继续 toast: shown when a step has problems, and taken away as soon as the person fixed
 * them and moves on, so that it never lingers onto the next step (a toast otherwise stays its 1.5 s).
 */
export const fixToast = {
  show(): void {
    shown = true;
    void Promise.resolve(Taro.showToast({ title: FIX_TOAST, icon: 'none' })).catch(() => undefined);
  },
  clear(): void {
    if (!shown) return;
    shown = false;
    void Promise.resolve(Taro.hideToast()).catch(() => undefined);
  },
};
