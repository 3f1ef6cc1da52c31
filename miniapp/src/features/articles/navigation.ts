import Taro from '@tarojs/taro';
import type { Ability, ArticleChannel } from '@veterans/shared';
import { routes, withQuery } from '../../navigation/routes';

export function articleListUrl(query: { channel?: ArticleChannel; q?: string } = {}): string {
  return withQuery(routes.articleList, { channel: query.channel, q: query.q || undefined });
}

export function articleUrl(id: number): string {
  return withQuery(routes.articleDetail, { id });
}

export function openArticle(id: number): void {
  void Taro.navigateTo({ url: articleUrl(id) });
}

export function openArticleList(query: { channel?: ArticleChannel; q?: string } = {}): void {
  void Taro.navigateTo({ url: articleListUrl(query) });
}

export function contentEditorUrl(id?: number): string {
  return withQuery(routes.contentEditor, { id });
}

/**
 * Entries for the staff workbench (rendered by subpackages/staff/workbench): the article editor and the
 * statistics page, each shown to the callers the shared ability table lets open it.
 */
export const contentAdminLinks = [
  {
    key: 'articles',
    title: '文章管理',
    description: '政策法规、普法宣传、通知公告、办事指南的编写与发布',
    url: routes.contentAdmin,
    ability: 'content.edit',
  },
  {
    key: 'stats',
    title: '统计报表',
    description: '办件、办理时效、好差评、法律咨询统计，导出 Excel',
    url: routes.staffStats,
    ability: 'statistics.read',
  },
] as const satisfies readonly { key: string; title: string; description: string; url: string; ability: Ability }[];
