import { useDidHide, useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { useRequest } from './use-request';

/**
 * useRequest that also loads again whenever the page shows again (back from a page that changed the data,
 * or from signing in after the session expired). "Again" means after the page was hidden: a component that
 * mounts after its page first showed (inside a LoadState, say) still reloads on the user's return.
 */
export function usePageRequest<T>(load: () => Promise<T>) {
  const result = useRequest(load);
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    result.reload();
  });
  return result;
}
