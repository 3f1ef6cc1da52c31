import { Text, View } from '@tarojs/components';
import type { ArticleSummary } from '@veterans/shared';
import { pressable } from '../../components/pressable';
import { articleDate } from './format';
import { openArticle } from './navigation';
import './articles.css';

interface ArticleItemProps {
  article: ArticleSummary;
  /** Show the channel (lists that mix channels: 全部, search results). */
  showChannel?: boolean;
  /** Show the summary under the title. */
  showSummary?: boolean;
}

/** One article in a list: 置顶 mark, title, channel and date, a short summary; opens the article. */
export function ArticleItem({ article, showChannel = false, showSummary = true }: ArticleItemProps) {
  const date = articleDate(article.publishedAt);
  const meta = [showChannel ? article.channelLabel : '', date].filter(Boolean).join(' · ');
  const open = () => openArticle(article.id);
  return (
    <View
      className={`article-item ${article.pinned ? 'article-item--pinned' : ''}`}
      onClick={open}
      // Named by what it shows (置顶, title, summary, channel and date).
      {...pressable(open, { role: 'link' })}
    >
      <View className="article-item__title">
        {article.pinned && <Text className="article-pin">置顶</Text>}
        <Text>{article.title}</Text>
      </View>
      {showSummary && article.summary && <View className="article-item__summary">{article.summary}</View>}
      {meta && <View className="article-item__meta">{meta}</View>}
    </View>
  );
}
