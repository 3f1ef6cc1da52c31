import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { useRequest } from './use-request';

/**
 * useRequest that also loads again whenever the page shows again (back from a page that changed the data,
 * or from signing in after the session expired).
 */
export function usePageRequest<T>(load: () => Promise<T>) {
  const result = useRequest(load);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    result.reload();
  });
  return result;
}
