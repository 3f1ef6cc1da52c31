import { describe, expect, it } from 'vitest';
import { channelForSearch } from './search-scope';

describe('channelForSearch', () => {
  it('a new search looks in every channel, whatever tab it was typed on', () => {
    expect(channelForSearch('policy', '优待证')).toBe('all');
    expect(channelForSearch('all', '优待证')).toBe('all');
  });

  it('clearing the search keeps the tab', () => {
    expect(channelForSearch('policy', '')).toBe('policy');
    expect(channelForSearch('guide', '  ')).toBe('guide');
  });
});
