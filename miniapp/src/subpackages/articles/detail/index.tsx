import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Article } from '@veterans/shared';
import { useCallback } from 'react';
import { ApiError } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { ArticleBody } from '../../../features/articles/ArticleBody';
import { fetchArticle } from '../../../features/articles/api';
import { articleDate } from '../../../features/articles/format';
import { openServiceGuide } from '../../../features/services/navigation';
import { routes } from '../../../navigation/routes';
import '../../../features/articles/articles.css';

/** One published article, `?id=`: title, channel and date, the body; a 办事指南 links to its service (去办理). */
export default function ArticleDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const load = useCallback(
    () =>
      Number.isInteger(id) && id > 0
        ? fetchArticle(id)
        : Promise.reject(new ApiError('NOT_FOUND', 404, '文章不存在或已下线')),
    [id],
  );
  const { state, reload } = useRequest(load);
  return (
    <PageRoot className="article-page">
      <LoadState state={state} onRetry={reload}>
        {(article) => <ArticleView article={article} />}
      </LoadState>
    </PageRoot>
  );
}

function ArticleView({ article }: { article: Article }) {
  const date = articleDate(article.publishedAt);
  const meta = [article.channelLabel, date ? `发布于 ${date}` : ''].filter(Boolean).join(' · ');
  return (
    <>
      <View className="article-head">
        <View
          className="article-head__title"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'heading', 'aria-level': 1 } : {})}
        >
          {article.pinned && <Text className="article-pin">置顶</Text>}
          <Text>{article.title}</Text>
        </View>
        <View className="article-head__meta">{meta}</View>
      </View>
      <ArticleBody html={article.body} />
      {article.channel === 'guide' && article.serviceCode && (
        <View className="article-service">
          <View className="article-service__text">{`本指南对应的办事事项：${article.serviceName ?? '办事事项'}`}</View>
          <AppButton
            className="article-service__go"
            type="primary"
            size="large"
            block
            label={`去办理${article.serviceName ?? ''}`}
            onClick={() => article.serviceCode && openServiceGuide(article.serviceCode)}
          >
            去办理
          </AppButton>
        </View>
      )}
      <AppButton
        className="article-back"
        size="large"
        block
        onClick={() => {
          if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
          else void Taro.switchTab({ url: routes.home });
        }}
      >
        返回
      </AppButton>
    </>
  );
}
