import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { type ArticleStatus, articleStatuses, articleStatusLabels, type StaffArticleSummary } from '@veterans/shared';
import { useCallback, useRef, useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { PageRoot } from '../../../components/PageRoot';
import { pressable } from '../../../components/pressable';
import { ARTICLE_PAGE_SIZE, fetchStaffArticles } from '../../../features/articles/api';
import { type ChannelChoice, ChannelTabs } from '../../../features/articles/ChannelTabs';
import { articleDate } from '../../../features/articles/format';
import { contentEditorUrl } from '../../../features/articles/navigation';
import { usePagedList } from '../../../features/articles/paging';
import { SearchBox } from '../../../features/articles/SearchBox';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import '../../../components/load-state.css';
import '../../../features/articles/articles.css';
import '../../../features/staff/staff.css';
import './index.css';

type StatusChoice = ArticleStatus | 'all';
const statusChoices: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...articleStatuses.map((status) => ({ value: status, label: articleStatusLabels[status] })),
];

/** 文章管理: every article (drafts and unpublished ones too), newest edits first; opens the editor. */
export default function ContentAdminListPage() {
  return (
    <PageRoot className="content-admin-page staff-page" mode="standard">
      <RequireStaff ability="content.edit">{() => <ArticleAdmin />}</RequireStaff>
    </PageRoot>
  );
}

function ArticleAdmin() {
  const [status, setStatus] = useState<StatusChoice>('all');
  const [channel, setChannel] = useState<ChannelChoice>('all');
  const [q, setQ] = useState('');
  const load = useCallback(
    (page: number) =>
      fetchStaffArticles(
        { status: status === 'all' ? undefined : status, channel: channel === 'all' ? undefined : channel, q },
        page,
      ),
    [status, channel, q],
  );
  const { state, loadMore, reload, hasMore } = usePagedList(load, ARTICLE_PAGE_SIZE);
  useReachBottom(loadMore);
  // Back from the editor: show what changed there.
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else reload();
  });

  return (
    <>
      <AppButton
        className="content-admin__new"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: contentEditorUrl() })}
      >
        新建文章
      </AppButton>
      <SearchBox value={q} onSearch={setQ} />
      <ChannelTabs value={channel} onChange={setChannel} />
      <ChoiceGroup id="article-status" label="状态" options={statusChoices} value={status} onChange={setStatus} />
      {state.status === 'loading' && <View className="load-state">正在加载…</View>}
      {state.status === 'error' && (
        <View className="load-state load-state--error">
          <View className="load-state__message">{state.error}</View>
          <AppButton type="primary" size="large" onClick={reload}>
            重试
          </AppButton>
        </View>
      )}
      {state.status === 'ready' && (
        <>
          <View className="content-admin__count">{`共 ${state.total} 篇`}</View>
          {state.items.length === 0 && <View className="load-state load-state--empty">没有符合条件的文章</View>}
          {state.items.length > 0 && (
            <View className="article-list">
              {state.items.map((article) => (
                <AdminItem key={article.id} article={article} />
              ))}
            </View>
          )}
          {state.error && (
            <View className="form-error" role="alert">
              {state.error}
            </View>
          )}
          {hasMore && (
            <AppButton className="article-more" size="large" block loading={state.loadingMore} onClick={loadMore}>
              加载更多
            </AppButton>
          )}
        </>
      )}
    </>
  );
}

const statusTone: Record<ArticleStatus, string> = { draft: 'neutral', published: 'success', unpublished: 'warning' };

function AdminItem({ article }: { article: StaffArticleSummary }) {
  const open = () => void Taro.navigateTo({ url: contentEditorUrl(article.id) });
  return (
    <View
      className="article-item admin-article"
      onClick={open}
      // Named by what it shows: 置顶, title, status, channel and date.
      {...pressable(open, { role: 'link' })}
    >
      <View className="article-item__title">
        {article.pinned && <Text className="article-pin">置顶</Text>}
        <Text>{article.title}</Text>
      </View>
      <View className="article-item__meta admin-article__meta">
        <Text className={`status-badge status-badge--${statusTone[article.status]}`}>{article.statusLabel}</Text>
        <Text>{`${article.channelLabel} · 修改于 ${articleDate(article.updatedAt)}`}</Text>
      </View>
    </View>
  );
}
