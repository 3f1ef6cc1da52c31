import type { ChannelChoice } from './ChannelTabs';

/**
 * A new search always looks in every channel (searching 优待证 from 最新政策 must find the 办事指南 article), and
 * the list then shows each hit's channel; a tab chosen afterwards narrows the results to that channel.
 */
export function channelForSearch(current: ChannelChoice, q: string): ChannelChoice {
  return q.trim() ? 'all' : current;
}
