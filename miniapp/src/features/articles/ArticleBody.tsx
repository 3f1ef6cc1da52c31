import { RichText } from '@tarojs/components';
import { useMemo } from 'react';
import { API_BASE } from '../../api/base-url';
import { apiOrigin, prepareArticleHtml } from './html';
import './articles.css';

/**
 * An article's body: the server-sanitised HTML through Taro's RichText on both targets (see html.ts), never
 * `dangerouslySetInnerHTML`.
 */
export function ArticleBody({ html }: { html: string }) {
  const nodes = useMemo(() => prepareArticleHtml(html, apiOrigin(API_BASE)), [html]);
  return <RichText className="article-body" nodes={nodes} userSelect />;
}
