import { describe, expect, it, vi } from 'vitest';
import { hasMore, initialPagedState, type Page, type PagedState, pagedReducer } from './paging';

vi.mock('@tarojs/taro', () => ({ default: {} }));

interface Item {
  id: number;
}

const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }));
const page = (number: number, ids: number[], total: number, pageSize = 3): Page<Item> => ({
  items: items(...ids),
  total,
  page: number,
  pageSize,
});

function run(...actions: Parameters<typeof pagedReducer<Item>>[1][]): PagedState<Item> {
  return actions.reduce((state, action) => pagedReducer(state, action), initialPagedState<Item>());
}

describe('article list paging', () => {
  it('shows the first page, then appends the next ones until all are shown', () => {
    let state = run({ type: 'start', generation: 1 }, { type: 'loaded', generation: 1, page: page(1, [1, 2, 3], 7) });
    expect(state.status).toBe('ready');
    expect(state.items.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(hasMore(state, 3)).toBe(true);

    state = pagedReducer(state, { type: 'more', generation: 1 });
    expect(state.loadingMore).toBe(true);
    state = pagedReducer(state, { type: 'loaded', generation: 1, page: page(2, [4, 5, 6], 7) });
    expect(state.items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.loadingMore).toBe(false);
    expect(hasMore(state, 3)).toBe(true);

    state = pagedReducer(state, { type: 'loaded', generation: 1, page: page(3, [7], 7) });
    expect(state.items).toHaveLength(7);
    expect(hasMore(state, 3)).toBe(false);
  });

  it('never shows an article twice when a newly published one shifts the pages', () => {
    let state = run({ type: 'start', generation: 1 }, { type: 'loaded', generation: 1, page: page(1, [10, 9, 8], 6) });
    // Article 11 was published meanwhile: page 2 now starts with 8.
    state = pagedReducer(state, { type: 'loaded', generation: 1, page: page(2, [8, 7, 6], 7) });
    expect(state.items.map((item) => item.id)).toEqual([10, 9, 8, 7, 6]);
    expect(state.total).toBe(7);
    expect(hasMore(state, 3)).toBe(true);
  });

  it('drops answers to an older query (a second search typed quickly)', () => {
    let state = run({ type: 'start', generation: 1 }, { type: 'start', generation: 2 });
    state = pagedReducer(state, { type: 'loaded', generation: 1, page: page(1, [1, 2, 3], 3) });
    expect(state.status).toBe('loading');
    state = pagedReducer(state, { type: 'loaded', generation: 2, page: page(1, [5], 1) });
    expect(state.items.map((item) => item.id)).toEqual([5]);
    expect(hasMore(state, 3)).toBe(false);
  });

  it('a failed first page is an error; a failed 加载更多 keeps what is shown', () => {
    expect(run({ type: 'start', generation: 1 }, { type: 'failed', generation: 1, message: '网络错误' })).toMatchObject(
      {
        status: 'error',
        error: '网络错误',
      },
    );
    const state = run(
      { type: 'start', generation: 1 },
      { type: 'loaded', generation: 1, page: page(1, [1, 2, 3], 5) },
      { type: 'more', generation: 1 },
      { type: 'failed', generation: 1, message: '网络错误' },
    );
    expect(state).toMatchObject({ status: 'ready', loadingMore: false, error: '网络错误' });
    expect(state.items).toHaveLength(3);
    expect(hasMore(state, 3)).toBe(true);
  });

  it('has nothing more for an empty result', () => {
    const state = run({ type: 'start', generation: 1 }, { type: 'loaded', generation: 1, page: page(1, [], 0) });
    expect(state.items).toEqual([]);
    expect(hasMore(state, 3)).toBe(false);
  });
});
