import { Text, View } from '@tarojs/components';
import type { ArticleSummary } from '@veterans/shared';
import { usePageRequest } from '../../api/use-page-request';
import { AppButton } from '../../components/AppButton';
import { pressable } from '../../components/pressable';
import { ArticleItem } from './ArticleItem';
import { fetchHomeFeed } from './api';
import { openArticle, openArticleList } from './navigation';
import './articles.css';

const h5 = process.env.TARO_ENV === 'h5';

interface HomeNewsSectionProps {
  /** `notices`: only the 通知公告 strip (the care-mode home page). */
  variant?: 'full' | 'notices';
}

/**
 * The home page's news (`GET /articles/home`): a 通知公告 strip of the pinned notices, then 最新政策 (the newest
 * 政策法规), each with its way to the whole channel. A failed load shows a quiet retry, never an error page:
 * the home page is about services first.
 */
export function HomeNewsSection({ variant = 'full' }: HomeNewsSectionProps) {
  const { state, reload } = usePageRequest(fetchHomeFeed);
  if (state.status === 'loading') return <View className="home-news home-news--loading">正在加载通知公告…</View>;
  if (state.status === 'error') {
    return (
      <View className="home-news home-news--error">
        <View className="body-text">通知公告暂时无法加载。</View>
        <AppButton className="home-news__retry" size="small" onClick={reload}>
          重试
        </AppButton>
      </View>
    );
  }
  const { notices, policies } = state.data;
  return (
    <View className="home-news">
      <NoticeStrip notices={notices} />
      {variant === 'full' && (
        <>
          <SectionHead
            title="最新政策"
            moreLabel="更多政策法规"
            onMore={() => openArticleList({ channel: 'policy' })}
          />
          {policies.length === 0 ? (
            <View className="body-text home-news__empty">暂无政策法规</View>
          ) : (
            <View className="article-list">
              {policies.map((article) => (
                <ArticleItem key={article.id} article={article} showSummary={false} />
              ))}
            </View>
          )}
          <View className="home-news__channels">
            <AppButton className="home-news__all" size="large" block onClick={() => openArticleList()}>
              政策法规 · 普法宣传 · 办事指南
            </AppButton>
          </View>
        </>
      )}
    </View>
  );
}

function SectionHead({ title, moreLabel, onMore }: { title: string; moreLabel: string; onMore: () => void }) {
  return (
    <View className="home-news__head">
      <View className="section-title home-news__title">{title}</View>
      <View
        className="home-news__more"
        onClick={onMore}
        {...(h5 ? { role: 'link', 'aria-label': moreLabel, tabIndex: 0 } : { ariaRole: 'link', ariaLabel: moreLabel })}
      >
        更多 ›
      </View>
    </View>
  );
}

/** 通知公告: the pinned notices, each one line that opens it. */
function NoticeStrip({ notices }: { notices: ArticleSummary[] }) {
  return (
    <View className="notice-strip" {...(h5 ? { role: 'region', 'aria-label': '通知公告' } : {})}>
      <View className="notice-strip__head">
        <Text className="notice-strip__label">通知公告</Text>
        <View
          className="notice-strip__more"
          onClick={() => openArticleList({ channel: 'notice' })}
          {...(h5
            ? { role: 'link', 'aria-label': '全部通知公告', tabIndex: 0 }
            : { ariaRole: 'link', ariaLabel: '全部通知公告' })}
        >
          全部 ›
        </View>
      </View>
      {notices.length === 0 && <View className="notice-strip__empty">暂无置顶通知</View>}
      {notices.map((notice) => (
        <View
          key={notice.id}
          className="notice-strip__item"
          onClick={() => openArticle(notice.id)}
          // Named by what it shows: 置顶 and the title.
          {...pressable(() => openArticle(notice.id), { role: 'link' })}
        >
          <Text className="article-pin">置顶</Text>
          <Text className="notice-strip__title">{notice.title}</Text>
        </View>
      ))}
    </View>
  );
}
