import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export type RequestState<T> =
  | { status: 'loading' }
  /** `retryable` false: trying again cannot help (not found, not allowed), so no 重试 is offered. */
  | { status: 'error'; message: string; retryable?: boolean }
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
        if (run === latestRun.current) {
          setState({ status: 'error', message: errorMessage(error), retryable: isRetryable(error) });
        }
      },
    );
  }, [load]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { state, reload };
}

/** A 403, 404 or 410 answers the same every time; anything else (network, 5xx, 429) may pass. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError && [403, 404, 410].includes(error.status));
}

function errorMessage(error: unknown): string {
  // ApiError messages are written for users; anything else is a bug and says nothing useful to them.
  return error instanceof ApiError ? error.message : '加载失败，请稍后重试';
}
