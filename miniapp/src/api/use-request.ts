import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'success'; data: T };

/**
 * Runs `load` on mount and whenever it changes (memoise it), tracking loading / error / success.
 * `reload` runs it again (the 重试 button); only the latest run may update the state.
 */
export function useRequest<T>(load: () => Promise<T>): { state: RequestState<T>; reload: () => void } {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const latestRun = useRef(0);

  const reload = useCallback(() => {
    const run = ++latestRun.current;
    setState({ status: 'loading' });
    load().then(
      (data) => {
        if (run === latestRun.current) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (run === latestRun.current) setState({ status: 'error', message: errorMessage(error) });
      },
    );
  }, [load]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { state, reload };
}

function errorMessage(error: unknown): string {
  // ApiError messages are written for users; anything else is a bug and says nothing useful to them.
  return error instanceof ApiError ? error.message : '加载失败，请稍后重试';
}
