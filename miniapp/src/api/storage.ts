import Taro from '@tarojs/taro';

/**
 * Local storage through Taro (wx storage on weapp, localStorage on H5). Storage can fail (quota, private mode);
 * nothing here may break a page over it, so every call is guarded.
 */

export function readStorage(key: string): unknown {
  try {
    const value: unknown = Taro.getStorageSync(key);
    // The mini-program answers '' for a key that was never set.
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export function writeStorage(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Quota or private mode: the value lives on in memory only.
  }
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to remove
  }
}

export function storageKeys(): string[] {
  try {
    return Taro.getStorageInfoSync().keys;
  } catch {
    return [];
  }
}
