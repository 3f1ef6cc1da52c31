import { vi } from 'vitest';

/**
 * A stand-in for `@tarojs/taro` in unit tests: requests are mocks to script, storage lives in a Map, and the page
 * stack is an array the navigation calls push to and pop from.
 *
 *   const taro = vi.hoisted(() => ({ current: undefined as unknown }));
 *   vi.mock('@tarojs/taro', async () => ({ default: (await import('../testing/taro-mock')).createTaroMock() }));
 */
export function createTaroMock() {
  const storage = new Map<string, unknown>();
  const pages: { route: string; options: Record<string, string> }[] = [];

  function push(url: string) {
    const [path = '', query = ''] = url.split('?');
    const options: Record<string, string> = {};
    for (const pair of query.split('&').filter(Boolean)) {
      const [key = '', value = ''] = pair.split('=');
      options[key] = value;
    }
    pages.push({ route: path.replace(/^\//, ''), options });
  }

  return {
    storage,
    pages,
    request: vi.fn(),
    showToast: vi.fn(),
    hideToast: vi.fn(),
    getStorageSync: vi.fn((key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : '')),
    setStorageSync: vi.fn((key: string, value: unknown) => {
      storage.set(key, structuredClone(value));
    }),
    removeStorageSync: vi.fn((key: string) => {
      storage.delete(key);
    }),
    getStorageInfoSync: vi.fn(() => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 })),
    getCurrentPages: vi.fn(() => pages),
    navigateTo: vi.fn(async ({ url }: { url: string }) => {
      push(url);
    }),
    redirectTo: vi.fn(async ({ url }: { url: string }) => {
      pages.pop();
      push(url);
    }),
    navigateBack: vi.fn(async ({ delta = 1 }: { delta?: number } = {}) => {
      pages.splice(pages.length - delta, delta);
    }),
    switchTab: vi.fn(async ({ url }: { url: string }) => {
      pages.splice(0, pages.length);
      push(url);
    }),
    reset() {
      storage.clear();
      pages.splice(0, pages.length);
    },
  };
}

export type TaroMock = ReturnType<typeof createTaroMock>;
