import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiError } from '../../api/client';

/**
 * A list read page by page with 加载更多 (load more): the first page replaces the list, later pages append to
 * it. Each new query starts a new generation; answers that arrive for an older one are dropped, so typing a
 * second search quickly never shows the first one's results. Items already shown are not shown twice (an
 * article published meanwhile shifts the server's pages by one).
 */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PagedState<T> {
  generation: number;
  status: 'loading' | 'error' | 'ready';
  items: T[];
  total: number;
  /** The last page loaded (0 before the first). */
  page: number;
  loadingMore: boolean;
  /** Why the first page (status error) or the last 加载更多 failed. */
  error: string | null;
}

export type PagedAction<T> =
  | { type: 'start'; generation: number }
  | { type: 'more'; generation: number }
  | { type: 'loaded'; generation: number; page: Page<T> }
  | { type: 'failed'; generation: number; message: string };

export function initialPagedState<T>(generation = 0): PagedState<T> {
  return { generation, status: 'loading', items: [], total: 0, page: 0, loadingMore: false, error: null };
}

export function pagedReducer<T extends { id: number }>(state: PagedState<T>, action: PagedAction<T>): PagedState<T> {
  if (action.type === 'start') return initialPagedState(action.generation);
  if (action.generation !== state.generation) return state;
  switch (action.type) {
    case 'more':
      return state.status === 'ready' ? { ...state, loadingMore: true, error: null } : state;
    case 'loaded': {
      const { page } = action;
      if (page.page <= 1) {
        return {
          ...state,
          status: 'ready',
          items: page.items,
          total: page.total,
          page: 1,
          loadingMore: false,
          error: null,
        };
      }
      const seen = new Set(state.items.map((item) => item.id));
      const added = page.items.filter((item) => !seen.has(item.id));
      return {
        ...state,
        items: [...state.items, ...added],
        total: page.total,
        page: page.page,
        loadingMore: false,
        error: null,
      };
    }
    case 'failed':
      return state.status === 'ready'
        ? { ...state, loadingMore: false, error: action.message }
        : { ...state, status: 'error', error: action.message };
  }
}

/** Whether 加载更多 can bring more: fewer shown than the server has, and the last page was full. */
export function hasMore<T>(state: PagedState<T>, pageSize: number): boolean {
  return state.status === 'ready' && state.items.length < state.total && state.page * pageSize < state.total;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '加载失败，请稍后重试';
}

/**
 * The paged list of `load` (memoise it: a new function is a new query). `loadMore` fetches the next page;
 * `reload` starts over.
 */
export function usePagedList<T extends { id: number }>(load: (page: number) => Promise<Page<T>>, pageSize: number) {
  const [state, dispatch] = useReducer(pagedReducer<T>, undefined, () => initialPagedState<T>());
  const generation = useRef(0);
  const latest = useRef(state);
  latest.current = state;

  const fetchPage = useCallback(
    (run: number, page: number) => {
      load(page).then(
        (result) => dispatch({ type: 'loaded', generation: run, page: { ...result, page } }),
        (error: unknown) => dispatch({ type: 'failed', generation: run, message: messageOf(error) }),
      );
    },
    [load],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    dispatch({ type: 'start', generation: generation.current });
    fetchPage(generation.current, 1);
  }, [fetchPage]);

  useEffect(() => {
    reload();
  }, [reload]);

  const loadMore = useCallback(() => {
    const current = latest.current;
    if (current.loadingMore || !hasMore(current, pageSize)) return;
    dispatch({ type: 'more', generation: current.generation });
    latest.current = { ...current, loadingMore: true };
    fetchPage(current.generation, current.page + 1);
  }, [fetchPage, pageSize]);

  return { state, loadMore, reload, hasMore: hasMore(state, pageSize) };
}
