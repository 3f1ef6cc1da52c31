import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { RequestState } from '../../api/use-request';

/**
 * Like usePageRequest, for a page people work on: after the first load, `refresh` (and showing the page again)
 * loads in the background and keeps what is shown meanwhile — a reply being typed is not thrown away — and
 * `replace` puts in data an action already returned.
 */
export function useLiveRequest<T>(load: () => Promise<T>) {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const latestRun = useRef(0);

  const run = useCallback(
    (quiet: boolean) => {
      const id = ++latestRun.current;
      if (!quiet) setState({ status: 'loading' });
      load().then(
        (data) => {
          if (id === latestRun.current) setState({ status: 'success', data });
        },
        (error: unknown) => {
          if (id !== latestRun.current) return;
          const message = error instanceof ApiError ? error.message : '加载失败，请稍后重试';
          // A background refresh that fails keeps what is shown (the client has said why in a toast).
          setState((previous) => (quiet && previous.status === 'success' ? previous : { status: 'error', message }));
        },
      );
    },
    [load],
  );

  useEffect(() => {
    run(false);
  }, [run]);

  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    run(true);
  });

  const reload = useCallback(() => run(false), [run]);
  const refresh = useCallback(() => run(true), [run]);
  const replace = useCallback((data: T) => {
    latestRun.current += 1;
    setState({ status: 'success', data });
  }, []);

  return { state, reload, refresh, replace };
}
