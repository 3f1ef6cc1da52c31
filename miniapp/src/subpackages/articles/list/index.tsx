import { View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { type ArticleChannel, articleChannelLabels, articleChannelSchema } from '@veterans/shared';
import { useCallback, useEffect, useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { ArticleItem } from '../../../features/articles/ArticleItem';
import { ARTICLE_PAGE_SIZE, fetchArticles } from '../../../features/articles/api';
import { type ChannelChoice, ChannelTabs } from '../../../features/articles/ChannelTabs';
import { usePagedList } from '../../../features/articles/paging';
import { SearchBox } from '../../../features/articles/SearchBox';
import { channelForSearch } from '../../../features/articles/search-scope';
import '../../../components/load-state.css';
import '../../../features/articles/articles.css';

function channelFrom(raw: string | undefined): ChannelChoice {
  const parsed = articleChannelSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'all';
}

function decoded(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * 政策法规 / 普法宣传 / 通知公告 / 办事指南: the published articles of a channel (or all), pinned ones first, searched
 * by the server in title and body, 加载更多 (and scrolling to the bottom) for the next page. `?channel=&q=`.
 */
export default function ArticleListPage() {
  const { params } = useRouter();
  const [channel, setChannel] = useState<ChannelChoice>(() => channelFrom(params.channel));
  const [q, setQ] = useState(() => decoded(params.q));
  const selected: ArticleChannel | undefined = channel === 'all' ? undefined : channel;

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: selected ? articleChannelLabels[selected] : '政策与公告' });
  }, [selected]);

  const load = useCallback((page: number) => fetchArticles({ channel: selected, q }, page), [selected, q]);
  const { state, loadMore, reload, hasMore } = usePagedList(load, ARTICLE_PAGE_SIZE);
  useReachBottom(loadMore);

  const where = selected ? `“${articleChannelLabels[selected]}”中` : '';
  return (
    <PageRoot className="article-list-page">
      <SearchBox
        value={q}
        onSearch={(value) => {
          setQ(value);
          setChannel((current) => channelForSearch(current, value));
        }}
      />
      <ChannelTabs value={channel} onChange={setChannel} />
      {q && (
        <View className="article-results" role="status">
          {state.status === 'ready'
            ? `在${where || '全部栏目中'}搜索“${q}”，共 ${state.total} 篇`
            : `正在${where}搜索“${q}”…`}
          <AppButton className="article-results__clear" size="small" label="清除搜索" onClick={() => setQ('')}>
            清除
          </AppButton>
        </View>
      )}
      {state.status === 'loading' && <View className="load-state">正在加载…</View>}
      {state.status === 'error' && (
        <View className="load-state load-state--error">
          <View className="load-state__message">{state.error}</View>
          <AppButton type="primary" size="large" onClick={reload}>
            重试
          </AppButton>
        </View>
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <View className="load-state load-state--empty">{q ? '没有找到相关文章，换个词试试' : '本栏目暂无文章'}</View>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <View className="article-list">
            {state.items.map((article) => (
              <ArticleItem key={article.id} article={article} showChannel={!selected} />
            ))}
          </View>
          {state.error && (
            <View className="form-error" role="alert">
              {state.error}
            </View>
          )}
          {hasMore ? (
            <AppButton className="article-more" size="large" block loading={state.loadingMore} onClick={loadMore}>
              {state.loadingMore ? '正在加载…' : '加载更多'}
            </AppButton>
          ) : (
            <View className="article-end">{`已显示全部 ${state.items.length} 篇`}</View>
          )}
        </>
      )}
    </PageRoot>
  );
}
