import { View } from '@tarojs/components';
import type { ServiceCode } from '@veterans/shared';
import { useCallback } from 'react';
import { useRequest } from '../../api/use-request';
import { ArticleItem } from './ArticleItem';
import { fetchArticles } from './api';
import './articles.css';

/** On a service's page: its 办事指南 articles (`GET /articles?serviceCode=`); nothing when it has none. */
export function ServiceGuideArticles({ serviceCode }: { serviceCode: ServiceCode }) {
  const load = useCallback(() => fetchArticles({ channel: 'guide', serviceCode }, 1, 5), [serviceCode]);
  const { state } = useRequest(load);
  if (state.status !== 'success' || state.data.items.length === 0) return null;
  return (
    <View className="guide-articles">
      <View className="guide-articles__title">办事指南</View>
      <View className="article-list">
        {state.data.items.map((article) => (
          <ArticleItem key={article.id} article={article} showSummary={false} />
        ))}
      </View>
    </View>
  );
}
